"""Texts of the follow-up journeys: /tiket, replies, withdrawal, verdict, rating, catalog.

Requester texts are short enough for a phone screen. The `followup.agents.*` texts go to the
agents' group, which reads Indonesian.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # /tiket: the list and one ticket
    "followup.none": (
        "Anda belum punya tiket yang aktif atau baru selesai. Ketik /menu untuk melapor "
        "atau meminta layanan.",
        "You have no open or recent tickets. Type /menu to report an issue or request a service.",
    ),
    "followup.list": (
        "🎫 <b>Tiket Anda</b> ({total}): yang masih berjalan dan yang selesai 30 hari "
        "terakhir. Pilih untuk melihat rinciannya.",
        "🎫 <b>Your tickets</b> ({total}): open ones and those finished in the last 30 days. "
        "Pick one to see the details.",
    ),
    "followup.ticket": (
        "{icon} <b>{number}</b> · {type}\n{title}\n\nLayanan: {service}\n"
        "Status: <b>{status}</b>\nDibuat: {created}\n{dues}\n<b>Riwayat</b>\n{timeline}\n\n"
        "<i>Balas pesan ini untuk menambah informasi.</i>",
        "{icon} <b>{number}</b> · {type}\n{title}\n\nService: {service}\n"
        "Status: <b>{status}</b>\nOpened: {created}\n{dues}\n<b>History</b>\n{timeline}\n\n"
        "<i>Reply to this message to add information.</i>",
    ),
    "followup.dues": (
        "Respons pertama {response}\nTarget selesai {resolution}\n",
        "First response {response}\nResolution {resolution}\n",
    ),
    "followup.paused": (
        "⏸ Waktu target berhenti sementara sampai Anda menjawab.\n",
        "⏸ The target clock is paused until you answer.\n",
    ),
    "followup.earlier": ("… {count} catatan sebelumnya", "… {count} earlier entries"),
    "followup.event.status": ("• {at} · Status: {status}", "• {at} · Status: {status}"),
    "followup.event.priority": (
        "• {at} · Prioritas: {priority}",
        "• {at} · Priority: {priority}",
    ),
    "followup.event.rating": (
        "• {at} · Penilaian Anda: {stars}",
        "• {at} · Your rating: {stars}",
    ),
    "followup.event.other": ("• {at} · Tiket diperbarui", "• {at} · Ticket updated"),
    "followup.event.you": (
        "• {at} · 🙋 Anda: {body}{files}",
        "• {at} · 🙋 You: {body}{files}",
    ),
    "followup.event.agent": (
        "• {at} · 💬 Petugas: {body}{files}",
        "• {at} · 💬 Agent: {body}{files}",
    ),
    "followup.event.files": (" 📎{count}", " 📎{count}"),
    "followup.button.add": ("✍️ Tambah informasi", "✍️ Add information"),
    "followup.button.withdraw": ("🗑 Batalkan tiket", "🗑 Withdraw ticket"),
    "followup.button.list": ("🎫 Daftar tiket", "🎫 All my tickets"),
    # Adding to a ticket
    "followup.ask_add": (
        "Silakan ketik tambahan informasi untuk <b>{number}</b>. Foto atau dokumen juga boleh.",
        "Please type what you'd like to add to <b>{number}</b>. Photos or documents are fine.",
    ),
    "followup.ask_what_failed": (
        "Apa yang masih belum beres pada <b>{number}</b>? Ceritakan singkat, agar petugas bisa "
        "langsung melanjutkan.",
        "What is still not working on <b>{number}</b>? Tell us briefly so the agent can carry "
        "on right away.",
    ),
    "followup.reply_instead": (
        "Anda sedang mengisi hal lain, jadi isian itu saya biarkan. Untuk menambah informasi "
        "pada <b>{number}</b>, balas (reply) pesan ini.",
        "You're in the middle of something else, so I've left it as it is. To add to "
        "<b>{number}</b>, reply to this message.",
    ),
    "followup.added": (
        "📨 Terima kasih, sudah saya tambahkan ke <b>{number}</b> dan diteruskan ke petugas.",
        "📨 Thank you, added to <b>{number}</b> and passed to the agent.",
    ),
    "followup.added_resumed": (
        "📨 Terima kasih, jawaban Anda sudah masuk ke <b>{number}</b>. Tiket kembali ditangani "
        "petugas.",
        "📨 Thank you, your answer is on <b>{number}</b>. The agent is working on it again.",
    ),
    "followup.added_closed": (
        "Tiket <b>{number}</b> sudah ditutup. Pesan Anda tetap saya simpan dan teruskan ke "
        "petugas. Bila masalahnya muncul lagi, buat laporan baru lewat /menu agar cepat "
        "ditangani.",
        "Ticket <b>{number}</b> is already closed. I've still kept your message and passed it "
        "on. If the issue is back, please open a new report via /menu so it gets handled "
        "quickly.",
    ),
    # Withdrawing
    "followup.withdraw_confirm": (
        "Yakin ingin membatalkan <b>{number}</b>? Tiket yang dibatalkan tidak ditangani lagi.",
        "Withdraw <b>{number}</b>? A withdrawn ticket is no longer handled.",
    ),
    "followup.button.withdraw_yes": ("Ya, batalkan", "Yes, withdraw"),
    "followup.button.withdraw_no": ("Tidak jadi", "Keep it"),
    "followup.withdrawn": (
        "Tiket <b>{number}</b> sudah dibatalkan. Terima kasih sudah memberi tahu kami.",
        "Ticket <b>{number}</b> is withdrawn. Thanks for letting us know.",
    ),
    "followup.withdraw_too_late": (
        "<b>{number}</b> sudah mulai ditangani, jadi tidak bisa dibatalkan dari sini. Balas "
        "pesan tiketnya bila tiket ini tidak diperlukan lagi; petugas akan menutupnya.",
        "<b>{number}</b> is already being worked on, so it can't be withdrawn here. Reply to "
        "its message if you no longer need it and the agent will close it.",
    ),
    "followup.already_closed": (
        "Tiket <b>{number}</b> sudah ditutup, jadi tombol ini tidak berlaku lagi. Bila masih "
        "ada masalah, buat laporan baru lewat /menu.",
        "Ticket <b>{number}</b> is already closed, so this button no longer works. If there's "
        "still a problem, open a new report via /menu.",
    ),
    "followup.not_resolved": (
        "Tiket <b>{number}</b> sedang ditangani lagi, jadi tombol ini sudah tidak berlaku. "
        "Ketik /tiket untuk melihat statusnya.",
        "Ticket <b>{number}</b> is being worked on again, so this button no longer applies. "
        "Type /tiket to see its status.",
    ),
    # To the agents' group (Indonesian)
    "followup.agents.added": (
        "🙋 Pelapor menambahkan pada <b>{number}</b> (status: {status}):\n\n{body}\n\n"
        "Lampiran: {attachments}",
        "🙋 The requester added to <b>{number}</b> (status: {status}):\n\n{body}\n\n"
        "Attachments: {attachments}",
    ),
    "followup.agents.withdrawn": (
        "🗑 Pelapor membatalkan <b>{number}</b>. Tidak perlu ditindaklanjuti.",
        "🗑 The requester withdrew <b>{number}</b>. No action needed.",
    ),
    "followup.agents.solved": (
        "👍 Pelapor menyatakan <b>{number}</b> sudah teratasi. Tiket ditutup.",
        "👍 The requester confirmed <b>{number}</b> is solved. The ticket is closed.",
    ),
    "followup.agents.not_solved": (
        "👎 Pelapor menyatakan <b>{number}</b> <b>belum</b> teratasi. Tiket kembali ditangani.",
        "👎 The requester says <b>{number}</b> is <b>not</b> solved. The ticket is back in "
        "progress.",
    ),
    # Verdict and rating
    "feedback.solved": (
        "👍 Senang mendengarnya! Tiket <b>{number}</b> kami tutup. Sebentar lagi saya minta "
        "penilaian Anda.",
        "👍 Glad to hear it! We're closing <b>{number}</b>. "
        "I'll ask for your rating in a moment.",
    ),
    "feedback.reopened": (
        "Maaf masalahnya belum beres. Tiket <b>{number}</b> kembali ke petugas.",
        "Sorry it's not fixed yet. Ticket <b>{number}</b> is back with the agent.",
    ),
    "feedback.rated": (
        "Terima kasih atas penilaian {stars} untuk <b>{number}</b>!",
        "Thank you for rating <b>{number}</b> {stars}!",
    ),
    "feedback.ask_comment": (
        "Ada saran atau catatan untuk kami? Ketik di sini, atau lewati saja.",
        "Any suggestion or remark for us? Type it here, or skip.",
    ),
    "feedback.skip": ("Lewati", "Skip"),
    "feedback.thanks": (
        "Terima kasih! Masukan Anda membantu kami melayani lebih baik. 🙏",
        "Thank you! Your feedback helps us serve you better. 🙏",
    ),
    "feedback.already_rated": (
        "Tiket <b>{number}</b> sudah Anda nilai sebelumnya. Terima kasih!",
        "You already rated <b>{number}</b>. Thank you!",
    ),
    "feedback.not_closed": (
        "Tiket <b>{number}</b> belum ditutup, jadi belum bisa dinilai.",
        "Ticket <b>{number}</b> isn't closed yet, so it can't be rated.",
    ),
    # Coming back to a paused conversation
    "resume.nothing": (
        "Tidak ada isian yang tersimpan untuk dilanjutkan. Ketik /menu untuk mulai.",
        "There's no saved draft to continue. Type /menu to start.",
    ),
    "resume.still_active": (
        "Percakapan ini sedang Anda lanjutkan, jadi tidak saya buang. Ketik /batal bila ingin "
        "berhenti.",
        "You're carrying on with this conversation, so I haven't discarded it. Type /batal "
        "to stop.",
    ),
    "resume.discarded": (
        "Baik, draf dibuang. Ketik /menu kapan saja bila perlu bantuan.",
        "Okay, the draft is discarded. Type /menu whenever you need help.",
    ),
    # Catalog browsing
    "browse.title": (
        "📚 <b>Katalog layanan</b> ({total} layanan). Pilih untuk melihat rincian dan cara "
        "memintanya.",
        "📚 <b>Service catalog</b> ({total} services). Pick one to see its details and how "
        "to request it.",
    ),
    "browse.title_staff": (
        "📚 <b>Katalog layanan</b>: semua {total} layanan beserta statusnya.",
        "📚 <b>Service catalog</b>: all {total} services with their status.",
    ),
    "browse.empty": (
        "Belum ada layanan di katalog pada halaman ini. Ketik /katalog untuk mulai lagi.",
        "There are no services on this page. Type /katalog to start again.",
    ),
    "browse.service": (
        "📘 <b>{name}</b>\nStatus: {status}\n\n{description}\n\n"
        "<b>Untuk</b>: {audience}\n<b>Manfaat</b>: {benefits}\n"
        "<b>Waktu respons</b>: {response}\n<b>Jam layanan</b>: {operating_hours}\n"
        "<b>Kontak</b>: {contact}\n<b>Pemilik layanan</b>: {owner}\n\n"
        "<b>Cara meminta</b>: {procedure}",
        "📘 <b>{name}</b>\nStatus: {status}\n\n{description}\n\n"
        "<b>For</b>: {audience}\n<b>Benefits</b>: {benefits}\n"
        "<b>Response time</b>: {response}\n<b>Hours</b>: {operating_hours}\n"
        "<b>Contact</b>: {contact}\n<b>Service owner</b>: {owner}\n\n"
        "<b>How to request</b>: {procedure}",
    ),
    "browse.hours": ("{count} jam kerja", "{count} business hours"),
    "browse.hour": ("1 jam kerja", "1 business hour"),
    "browse.minutes": ("{count} menit kerja", "{count} business minutes"),
    "browse.request": ("📝 Minta layanan ini", "📝 Request this service"),
    "browse.back": ("⬅️ Katalog", "⬅️ Catalog"),
    "browse.gone": (
        "Layanan itu tidak tersedia saat ini. Ketik /katalog untuk melihat yang ada.",
        "That service isn't available now. Type /katalog to see what is.",
    ),
    "browse.not_requestable": (
        "Layanan ini belum atau tidak lagi aktif, jadi belum bisa diminta.",
        "This service isn't active, so it can't be requested.",
    ),
    "browse.finish_first": (
        "Anda sedang mengisi hal lain. Selesaikan dulu, atau ketik /batal, lalu pilih "
        "layanan ini lagi.",
        "You're in the middle of something else. Finish it or type /batal, then pick this "
        "service again.",
    ),
    "browse.status.planned": ("Direncanakan", "Planned"),
    "browse.status.in_development": ("Dalam pengembangan", "In development"),
    "browse.status.active": ("Aktif", "Active"),
    "browse.status.deactivated": ("Dinonaktifkan", "Deactivated"),
    "browse.status.retiring": ("Akan berhenti", "Retiring"),
    "browse.status.retired": ("Telah berhenti", "Retired"),
}
