"""Texts of knowledge upkeep and its analytics, for coordinators and agents."""

MESSAGES: dict[str, tuple[str, str]] = {
    "kb.menu": (
        "<b>Pengetahuan (FAQ)</b>\nDraf: {draft} · Terbit: {published} · Diarsipkan: "
        "{retired}\nPerlu ditinjau: {due}\n\nPilih daftar, atau tulis entri baru.",
        "<b>Knowledge (FAQ)</b>\nDrafts: {draft} · Published: {published} · Retired: "
        "{retired}\nDue for review: {due}\n\nPick a list, or write a new entry.",
    ),
    "kb.status.draft": ("Draf", "Draft"),
    "kb.status.published": ("Terbit", "Published"),
    "kb.status.retired": ("Diarsipkan", "Retired"),
    "kb.button.list.draft": ("📝 Draf", "📝 Drafts"),
    "kb.button.list.published": ("✅ Terbit", "✅ Published"),
    "kb.button.list.retired": ("🗄 Diarsipkan", "🗄 Retired"),
    "kb.button.review": ("⏰ Perlu ditinjau", "⏰ Due for review"),
    "kb.button.new": ("➕ Entri baru", "➕ New entry"),
    "kb.button.edit": ("✏️ Ubah jawaban", "✏️ Edit answer"),
    "kb.button.english": ("🇬🇧 Versi Inggris", "🇬🇧 English version"),
    "kb.button.publish": ("✅ Terbitkan", "✅ Publish"),
    "kb.button.retire": ("🗄 Arsipkan", "🗄 Retire"),
    "kb.button.back": ("⬅️ Daftar", "⬅️ List"),
    "kb.button.skip": ("Lewati", "Skip"),
    "kb.list": (
        "<b>{status}</b> ({total}). Ketuk entri untuk melihatnya.",
        "<b>{status}</b> ({total}). Tap an entry to open it.",
    ),
    "kb.list.empty": ("Belum ada entri berstatus {status}.", "No {status} entries yet."),
    "kb.entry": (
        "<b>{question}</b>\n<i>{key} · {status}</i>\n\n{answer}\n\n{english}\n\n"
        "Pertanyaan lain: {alternatives}\nPemilik: {owner}\nTinjau paling lambat: {review_by}"
        "{source}",
        "<b>{question}</b>\n<i>{key} · {status}</i>\n\n{answer}\n\n{english}\n\n"
        "Other phrasings: {alternatives}\nOwner: {owner}\nReview by: {review_by}{source}",
    ),
    "kb.entry.english": (
        "🇬🇧 <b>{question}</b>\n{answer}",
        "🇬🇧 <b>{question}</b>\n{answer}",
    ),
    "kb.entry.no_english": (
        "🇬🇧 Belum ada versi bahasa Inggris: pembaca berbahasa Inggris melihat teks di atas.",
        "🇬🇧 No English version yet: English readers see the text above.",
    ),
    "kb.entry.source": ("\nDari tiket: {number}", "\nFrom ticket: {number}"),
    "kb.ask_question": (
        "Entri baru. Tulis pertanyaannya seperti yang biasa ditanyakan pengguna. Ketik /batal "
        "untuk berhenti.",
        "New entry. Write the question the way people usually ask it. Type /batal to stop.",
    ),
    "kb.ask_answer": (
        "Sekarang tulis jawabannya: singkat, bisa dibaca utuh di layar ponsel.",
        "Now write the answer: short enough to read whole on a phone.",
    ),
    "kb.ask_alternatives": (
        "Ada cara lain orang menanyakannya? Tulis satu per baris (atau pisahkan dengan |), "
        "atau ketuk <b>Lewati</b>.",
        "Other ways people ask it? One per line (or separated by |), or tap <b>Skip</b>.",
    ),
    "kb.ask_new_answer": (
        "Tulis jawaban baru untuk: <b>{question}</b>\n\nJawaban sekarang:\n{answer}",
        "Write the new answer for: <b>{question}</b>\n\nCurrent answer:\n{answer}",
    ),
    "kb.created": (
        "📝 Draf <b>{key}</b> tersimpan. Entri belum menjawab pengguna sampai diterbitkan.",
        "📝 Draft <b>{key}</b> saved. It answers nobody until it is published.",
    ),
    "kb.answer_saved": ("✏️ Jawaban diperbarui.", "✏️ Answer updated."),
    "kb.ask_english_question": (
        "Tulis pertanyaan ini dalam bahasa Inggris, seperti orang menanyakannya:\n"
        "<b>{question}</b>",
        "Write this question in English, the way people would ask it:\n<b>{question}</b>",
    ),
    "kb.ask_english_answer": (
        "Sekarang tulis jawabannya dalam bahasa Inggris. Jawaban sekarang:\n{answer}",
        "Now write the answer in English. The current answer:\n{answer}",
    ),
    "kb.english_saved": (
        "🇬🇧 Versi Inggris tersimpan. Pengguna berbahasa Inggris kini membacanya.",
        "🇬🇧 English version saved. English-speaking users now read it.",
    ),
    "kb.published": (
        "✅ <b>{key}</b> terbit dan kini menjawab pengguna. Tinjau lagi paling lambat "
        "{review_by}.",
        "✅ <b>{key}</b> is published and now answers people. Review it by {review_by}.",
    ),
    "kb.retired": (
        "🗄 <b>{key}</b> diarsipkan dan tidak lagi menjawab pengguna.",
        "🗄 <b>{key}</b> is retired and no longer answers people.",
    ),
    "kb.review": (
        "<b>Entri yang perlu ditinjau</b> ({count}): batas tinjauannya sudah lewat. Buka, "
        "periksa jawabannya, lalu terbitkan lagi atau arsipkan.",
        "<b>Entries due for review</b> ({count}): their review-by date has passed. Open one, "
        "check the answer, then publish it again or retire it.",
    ),
    "kb.review.none": (
        "Tidak ada entri yang lewat batas tinjauan. 👍",
        "No entry is past its review-by date. 👍",
    ),
    "kb.from_ticket.usage": (
        "Tulis nomor tiketnya, misalnya <code>/jadikanfaq GGN-2026-000123</code>.",
        "Add the ticket number, for example <code>/jadikanfaq GGN-2026-000123</code>.",
    ),
    "kb.from_ticket.done": (
        "📝 Draf FAQ <b>{key}</b> dibuat dari tiket {number}. Draf ini menunggu ditinjau "
        "koordinator sebelum terbit.",
        "📝 FAQ draft <b>{key}</b> was made from ticket {number}. It awaits a coordinator's "
        "review before it is published.",
    ),
    "kb.error.not_found": ("Entri itu tidak ditemukan.", "That entry was not found."),
    "kb.error.empty": (
        "Isiannya masih kosong. Silakan tulis lagi.",
        "That was empty. Please write it again.",
    ),
    "kb.error.too_long": (
        "Terlalu panjang (lebih dari {limit} karakter). Mohon dipersingkat.",
        "Too long (over {limit} characters). Please shorten it.",
    ),
    "kb.error.already_published": ("Entri ini sudah terbit.", "This entry is already published."),
    "kb.error.already_retired": ("Entri ini sudah diarsipkan.", "This entry is already retired."),
    "kb.error.not_solved": (
        "Tiket {number} belum selesai. Hanya tiket yang sudah selesai atau ditutup yang bisa "
        "dijadikan FAQ.",
        "Ticket {number} is not solved yet. Only resolved or closed tickets can become FAQ.",
    ),
    "kb.error.already_drafted": (
        "Tiket {number} sudah dijadikan entri <b>{key}</b>.",
        "Ticket {number} already became entry <b>{key}</b>.",
    ),
    "kb.error.no_answer": (
        "Tiket ini belum punya penyelesaian atau balasan petugas untuk dijadikan jawaban.",
        "This ticket has no resolution or agent reply to use as the answer.",
    ),
    "kb.error.pipe_in_item": (
        "Sebuah pertanyaan lain atau kata kunci memuat tanda |. Ekspor sebagai YAML.",
        "An alternative or keyword contains |. Export as YAML instead.",
    ),
    "kb.error.staff_only": (
        "Maaf, perintah ini hanya untuk petugas service desk.",
        "Sorry, this command is for service desk staff only.",
    ),
    "kb.error.coordinator_only": (
        "Maaf, perintah ini hanya untuk koordinator.",
        "Sorry, this command is for coordinators only.",
    ),
    "kb.analytics.usage": (
        "Tulis jumlah hari antara 1 dan {limit}, misalnya <code>/analitik 30</code>.",
        "Give a number of days from 1 to {limit}, for example <code>/analitik 30</code>.",
    ),
    "kb.analytics": (
        "<b>Analitik pengetahuan, {days} hari terakhir</b>\n"
        "Pertanyaan: {questions} · Terjawab: {answered}\n"
        "Tertangani tanpa tiket: {deflected} ({rate})\n\n"
        "<b>Paling sering ditanyakan</b>\n{topics}\n\n"
        "<b>Belum terjawab (celah pengetahuan)</b>\n{gaps}\n\n"
        "<b>Kegunaan jawaban</b>\n{helpfulness}",
        "<b>Knowledge analytics, last {days} days</b>\n"
        "Questions: {questions} · Answered: {answered}\n"
        "Settled without a ticket: {deflected} ({rate})\n\n"
        "<b>Most asked</b>\n{topics}\n\n"
        "<b>Unanswered (knowledge gaps)</b>\n{gaps}\n\n"
        "<b>Answer helpfulness</b>\n{helpfulness}",
    ),
    "kb.analytics.topic": ("{rank}. {title} · {count}×", "{rank}. {title} · {count}×"),
    "kb.analytics.gap": (
        "• {count}× misalnya: {examples}",
        "• {count}× for example: {examples}",
    ),
    "kb.analytics.helpful": (
        "• {title}: {helpful}/{rated} terbantu",
        "• {title}: {helpful}/{rated} helped",
    ),
    "kb.analytics.none": ("—", "—"),
}
