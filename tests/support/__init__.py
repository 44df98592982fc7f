"""Helpers shared by the tests: throwaway PostgreSQL clusters and the like."""
