"""Texts of the notices a requester receives about their tickets."""

MESSAGES: dict[str, tuple[str, str]] = {
    "notice.status": (
        "ℹ️ Tiket <b>{number}</b>: status kini <b>{status}</b>.",
        "ℹ️ Ticket <b>{number}</b> is now <b>{status}</b>.",
    ),
    "notice.priority": (
        "ℹ️ Prioritas tiket <b>{number}</b> kini <b>{priority}</b>. Target penyelesaian: "
        "{resolution_due}.",
        "ℹ️ Ticket <b>{number}</b> now has <b>{priority}</b> priority. Resolution target: "
        "{resolution_due}.",
    ),
    "notice.agent_reply": (
        "💬 Balasan petugas untuk <b>{number}</b>:\n\n{body}\n\n"
        "<i>Balas pesan ini bila ingin menanggapi.</i>",
        "💬 The agent replied on <b>{number}</b>:\n\n{body}\n\n"
        "<i>Reply to this message to answer.</i>",
    ),
    "notice.info_requested": (
        "❓ Petugas memerlukan informasi tambahan untuk <b>{number}</b>:\n\n{question}\n\n"
        "<i>Balas pesan ini dengan jawaban Anda. Tiket menunggu jawaban Anda.</i>",
        "❓ The agent needs more information on <b>{number}</b>:\n\n{question}\n\n"
        "<i>Reply to this message with your answer. The ticket waits for you.</i>",
    ),
    "notice.resolved": (
        "✅ Tiket <b>{number}</b> sudah ditangani.\n\nPenyelesaian: {solution}\n\n"
        "Apakah masalah Anda sudah teratasi?",
        "✅ Ticket <b>{number}</b> has been handled.\n\nSolution: {solution}\n\n"
        "Is your issue solved?",
    ),
    "notice.button.solved": ("👍 Sudah teratasi", "👍 Solved"),
    "notice.button.not_solved": ("👎 Belum teratasi", "👎 Not solved"),
    "notice.closed": (
        "🔒 Tiket <b>{number}</b> ditutup. Terima kasih!\n\n"
        "Bagaimana layanan kami? Beri nilai 1 sampai 5 bintang:",
        "🔒 Ticket <b>{number}</b> is closed. Thank you!\n\n"
        "How was our service? Rate it from 1 to 5 stars:",
    ),
    "notice.closed_auto": (
        "🔒 Tiket <b>{number}</b> kami tutup karena belum ada tanggapan setelah "
        "penyelesaian. Bila masalahnya muncul lagi, laporkan kembali lewat /menu.\n\n"
        "Bagaimana layanan kami? Beri nilai 1 sampai 5 bintang:",
        "🔒 We closed ticket <b>{number}</b> as there was no answer after the solution. "
        "If the issue comes back, report it again via /menu.\n\n"
        "How was our service? Rate it from 1 to 5 stars:",
    ),
}

MESSAGES.update(
    {
        "outage.known": (
            "⚠️ Saat ini layanan <b>{service}</b> sedang mengalami gangguan "
            "dan sudah ditangani "
            "petugas ({number}). Mau saya kabari begitu pulih?",
            "⚠️ <b>{service}</b> currently has a known disruption that our team is already "
            "handling ({number}). Shall I tell you when it is fixed?",
        ),
        "outage.watch": ("🔔 Kabari saya", "🔔 Tell me"),
        "outage.report_anyway": ("📝 Tetap buat laporan", "📝 Report it anyway"),
        "outage.watching": (
            "Baik, saya akan mengabari Anda begitu <b>{number}</b> selesai ditangani.",
            "Okay, I'll let you know as soon as <b>{number}</b> is fixed.",
        ),
        "outage.already_watching": (
            "Anda sudah terdaftar untuk kabar tentang <b>{number}</b>.",
            "You're already on the list for news about <b>{number}</b>.",
        ),
        "outage.over": (
            "Gangguan itu sudah selesai ditangani. Bila masih mengalami masalah, silakan laporkan "
            "lewat /menu.",
            "That disruption has already been fixed. If you still have trouble, please report it "
            "via /menu.",
        ),
        "outage.fixed": (
            "✅ Kabar baik: gangguan pada <b>{service}</b> ({number}) sudah selesai ditangani. "
            "Bila masih bermasalah, laporkan lewat /menu.",
            "✅ Good news: the disruption on <b>{service}</b> ({number}) has been fixed. "
            "If you still have trouble, report it via /menu.",
        ),
    }
)
