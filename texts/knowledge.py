"""Texts of the question-and-answer journey (merged into the one catalog)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "faq.answer.faq": ("💡 <b>{title}</b>\n\n{answer}", "💡 <b>{title}</b>\n\n{answer}"),
    "faq.answer.service": (
        "📚 <b>{title}</b>\n\n{answer}",
        "📚 <b>{title}</b>\n\n{answer}",
    ),
    "faq.answer.known_error": (
        "⚠️ Ini masalah yang sudah kami ketahui: <b>{title}</b>\n\n"
        "Sementara itu, coba: {answer}",
        "⚠️ This is a known issue: <b>{title}</b>\n\nMeanwhile, try: {answer}",
    ),
    "faq.helpful": ("👍 Terjawab", "👍 That helped"),
    "faq.not_helpful": ("🙋 Masih perlu bantuan", "🙋 I still need help"),
    "faq.suggest": (
        "Saya belum yakin maksud Anda. Apakah salah satu dari ini?",
        "I'm not sure what you mean. Is it one of these?",
    ),
    "faq.none_of_these": ("Bukan semuanya", "None of these"),
    "faq.glad": (
        "Senang bisa membantu! Ketik pertanyaan lain kapan saja.",
        "Glad it helped! Ask anything else any time.",
    ),
    "faq.nothing_found": (
        "Maaf, saya belum menemukan jawabannya. Mau saya teruskan ke petugas? Pilih jenisnya, "
        "pesan Anda sudah saya isikan:",
        "Sorry, I couldn't find an answer. Shall I pass it to an agent? Pick the kind, your "
        "message is already filled in:",
    ),
    "faq.sorry_offer_ticket": (
        "Maaf jawabannya belum membantu. Mau saya teruskan ke petugas? Pilih jenisnya, "
        "pertanyaan Anda sudah saya isikan:",
        "Sorry that didn't help. Shall I pass it to an agent? Pick the kind, your question "
        "is already filled in:",
    ),
    "faq.open.incident": ("🚨 Lapor gangguan", "🚨 Report a disruption"),
    "faq.open.service_request": ("📝 Minta layanan", "📝 Request a service"),
    "faq.open.complaint": ("📣 Keluhan", "📣 Complaint"),
    "faq.open.change": ("🔧 Usulan perubahan", "🔧 Change proposal"),
}
