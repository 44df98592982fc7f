"""Tests of the service-desk domain: rules about tickets and SLAs, without Telegram."""
