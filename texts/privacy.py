"""Texts of the personal-data journeys (UU PDP): /datasaya and /hapusdata.

The erasure warning says plainly what goes and what stays, because the person cannot undo it.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "privacy.export.caption": (
        "📄 Ini semua data pribadi Anda yang disimpan Sigap: profil, tiket beserta pesan dan "
        "riwayatnya, pertanyaan yang pernah Anda ajukan, dan penilaian Anda. Petugas hanya "
        "ditulis dengan nama depannya.",
        "📄 This is all the personal data Sigap holds about you: your profile, your tickets "
        "with their messages and history, the questions you asked, and your ratings. Staff "
        "appear by first name only.",
    ),
    "privacy.erase.confirm": (
        "⚠️ <b>Hapus data pribadi Anda?</b>\n\n"
        "Nama, username, unit kerja, isi tiket, pesan, lampiran, dan pertanyaan Anda akan "
        "dihapus, dan persetujuan Anda dicabut. Nomor tiket, waktu, prioritas, dan penilaian "
        "tetap disimpan tanpa identitas Anda untuk statistik layanan.\n\n"
        "Ini tidak bisa dibatalkan. Ketik /datasaya dulu jika ingin menyimpan salinannya.",
        "⚠️ <b>Erase your personal data?</b>\n\n"
        "Your name, username, work unit, ticket contents, messages, attachments and questions "
        "will be erased, and your consent withdrawn. Ticket numbers, times, priorities and "
        "ratings stay, without your identity, for service statistics.\n\n"
        "This cannot be undone. Type /datasaya first if you want to keep a copy.",
    ),
    "privacy.erase.yes": ("🗑 Ya, hapus data saya", "🗑 Yes, erase my data"),
    "privacy.erase.no": ("Batal", "Cancel"),
    "privacy.erase.done": (
        "✅ Data pribadi Anda sudah dihapus ({tickets} tiket dianonimkan). Terima kasih telah "
        "menggunakan Sigap. Jika ingin memakai lagi, ketik /start untuk mendaftar dari awal.",
        "✅ Your personal data has been erased ({tickets} tickets anonymised). Thank you for "
        "using Sigap. To use it again, type /start to register afresh.",
    ),
    "privacy.erase.kept": (
        "Baik, data Anda tidak dihapus.",
        "All right, your data was not erased.",
    ),
    "privacy.erase.staff": (
        "Data petugas adalah catatan resmi penyedia layanan dan tidak bisa dihapus lewat "
        "chat. Silakan hubungi admin Sigap.",
        "Staff data is part of the provider's official records and cannot be erased through "
        "the chat. Please contact the Sigap admin.",
    ),
}
