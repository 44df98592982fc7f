"""Every message Sigap shows a person: key -> (Bahasa Indonesia, English).

Written as a helpful colleague would write on a phone screen: short, warm, concrete. HTML
parse mode; parameters are escaped by `texts.t`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # First contact and registration
    "start.greeting": (
        "Halo, {name}! 👋 Saya <b>Sigap</b>, layanan bantuan TIK kementerian. Lewat chat ini "
        "Anda bisa melaporkan gangguan, meminta layanan, menyampaikan keluhan, dan memantau "
        "tiket Anda.",
        "Hello, {name}! 👋 I'm <b>Sigap</b>, the ministry's IT help desk. Here you can report "
        "a disruption, request a service, file a complaint and follow your tickets.",
    ),
    "start.choose_language": (
        "Silakan pilih bahasa. / Please choose a language.",
        "Silakan pilih bahasa. / Please choose a language.",
    ),
    "register.ask_name": (
        "Sebelum mulai, boleh saya tahu nama lengkap Anda? Ketik nama Anda, atau pakai nama "
        "Telegram di bawah.",
        "Before we start, may I have your full name? Type it, or use your Telegram name below.",
    ),
    "register.use_name": ("Pakai nama {name}", "Use {name}"),
    "register.ask_type": (
        "Terima kasih, {name}. Anda menghubungi kami sebagai:",
        "Thank you, {name}. You are contacting us as:",
    ),
    "register.ask_unit": (
        "Di unit kerja mana Anda bertugas? (misalnya: Biro Umum, Direktorat Jenderal AHU)",
        "Which work unit are you in? (for example: General Bureau, Directorate General AHU)",
    ),
    "register.consent": (
        "Satu hal lagi. Untuk menangani laporan Anda, kami menyimpan nama, jenis pengguna, "
        "unit kerja, ID Telegram, dan isi pesan Anda. Data ini hanya dipakai untuk layanan "
        "ini, sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi. Anda bisa melihat "
        "data Anda dengan /datasaya dan meminta penghapusannya dengan /hapusdata.\n\n"
        "Apakah Anda setuju?",
        "One more thing. To handle your reports we keep your name, user type, work unit, "
        "Telegram ID and your messages. They are used only for this service, under Law No. 27 "
        "of 2022 on Personal Data Protection. You can see your data with /datasaya and ask "
        "for its deletion with /hapusdata.\n\nDo you agree?",
    ),
    "register.consent_yes": ("✅ Saya setuju", "✅ I agree"),
    "register.consent_no": ("Tidak sekarang", "Not now"),
    "register.consent_declined": (
        "Baik, tidak apa-apa. Tanpa persetujuan ini kami belum bisa mencatat tiket untuk Anda, "
        "tetapi Anda tetap bisa bertanya. Ketik /start kapan saja bila berubah pikiran.",
        "That's fine. Without your consent we can't record tickets for you yet, but you can "
        "still ask questions. Type /start whenever you change your mind.",
    ),
    "register.done": (
        "Terima kasih, {name}! Profil Anda sudah tersimpan. Ada yang bisa kami bantu?",
        "Thank you, {name}! Your profile is saved. How can we help?",
    ),
    "register.need_first": (
        "Agar kami bisa mencatat tiket, lengkapi dulu profil Anda. Ketik /start untuk mulai.",
        "So that we can record tickets for you, please complete your profile first. "
        "Type /start to begin.",
    ),
    "profile.show": (
        "<b>Profil Anda</b>\nNama: {name}\nJenis pengguna: {kind}\nUnit kerja: {unit}\n"
        "Bahasa: {language}\n\nMau mengubah apa?",
        "<b>Your profile</b>\nName: {name}\nUser type: {kind}\nWork unit: {unit}\n"
        "Language: {language}\n\nWhat would you like to change?",
    ),
    "profile.edit": ("✏️ Ubah profil", "✏️ Edit profile"),
    "profile.language": ("🌐 Ganti bahasa", "🌐 Change language"),
    "language.set": (
        "Baik, saya akan memakai Bahasa Indonesia.",
        "Got it, I'll use English from now on.",
    ),
    "requester_type.civil_servant": ("ASN / pegawai instansi", "Civil servant / staff"),
    "requester_type.public": ("Masyarakat umum", "Member of the public"),
    "requester_type.business": ("Badan usaha", "Business"),
    "requester_type.other": ("Lainnya", "Other"),
    # Main menu
    "menu.title": ("Apa yang ingin Anda lakukan?", "What would you like to do?"),
    "menu.incident": ("🚨 Lapor gangguan", "🚨 Report a disruption"),
    "menu.service_request": ("📝 Minta layanan", "📝 Request a service"),
    "menu.complaint": ("📣 Sampaikan keluhan", "📣 File a complaint"),
    "menu.change": ("🔧 Usulkan perubahan", "🔧 Propose a change"),
    "menu.my_tickets": ("🎫 Tiket saya", "🎫 My tickets"),
    "menu.catalog": ("📚 Katalog layanan", "📚 Service catalog"),
    "menu.question": ("❓ Tanya", "❓ Ask a question"),
    "menu.ask_hint": (
        "Silakan ketik pertanyaan Anda dengan kata-kata sendiri, misalnya "
        '<i>"cara reset password email dinas"</i>.',
        "Type your question in your own words, for example "
        '<i>"how to reset my official e-mail password"</i>.',
    ),
    "command.start": ("Mulai dan menu utama", "Start and main menu"),
    "command.menu": ("Menu utama", "Main menu"),
    "command.tiket": ("Tiket saya", "My tickets"),
    "command.katalog": ("Katalog layanan", "Service catalog"),
    "command.profil": ("Ubah profil dan bahasa", "Profile and language"),
    "command.batal": ("Batalkan langkah yang sedang berjalan", "Cancel the current step"),
    "command.bantuan": ("Cara memakai Sigap", "How to use Sigap"),
    "command.datasaya": ("Unduh data pribadi saya", "Download my personal data"),
    "command.hapusdata": ("Hapus data pribadi saya", "Delete my personal data"),
    "help.requester": (
        "<b>Cara memakai Sigap</b>\n"
        "• Ketik pertanyaan apa saja, saya carikan jawabannya.\n"
        "• /menu untuk melapor gangguan, meminta layanan, keluhan, atau usulan perubahan.\n"
        "• /tiket untuk melihat tiket Anda; balas pesan tentang tiket untuk menambah "
        "informasi.\n"
        "• /batal untuk membatalkan langkah yang sedang berjalan.\n"
        "• /profil untuk mengubah nama, unit kerja, atau bahasa.\n"
        "• /datasaya untuk mengunduh data pribadi Anda; /hapusdata untuk menghapusnya.",
        "<b>How to use Sigap</b>\n"
        "• Type any question and I'll look for the answer.\n"
        "• /menu to report a disruption, request a service, complain or propose a change.\n"
        "• /tiket to see your tickets; reply to a message about a ticket to add to it.\n"
        "• /batal to cancel the current step.\n"
        "• /profil to change your name, work unit or language.\n"
        "• /datasaya to download your personal data; /hapusdata to erase it.",
    ),
    # Common buttons
    "button.cancel": ("✖️ Batal", "✖️ Cancel"),
    "button.back": ("⬅️ Kembali", "⬅️ Back"),
    "button.menu": ("🏠 Menu utama", "🏠 Main menu"),
    "button.next": ("Berikutnya ➡️", "Next ➡️"),
    "button.prev": ("⬅️ Sebelumnya", "⬅️ Previous"),
    "flow.cancelled": (
        "Baik, dibatalkan. Tidak ada yang tercatat. Ketik /menu bila perlu bantuan lagi.",
        "Okay, cancelled. Nothing was recorded. Type /menu whenever you need help again.",
    ),
    "flow.nothing_to_cancel": (
        "Tidak ada langkah yang sedang berjalan. Ketik /menu untuk melihat pilihan.",
        "There's nothing in progress. Type /menu to see the options.",
    ),
    "flow.expired": (
        "Sepertinya Anda sedang sibuk, jadi percakapan tadi saya tutup dulu. Tenang, isian "
        "Anda tersimpan: ketuk <b>Lanjutkan</b> kapan saja untuk meneruskannya.",
        "Looks like you got busy, so I closed our conversation for now. Don't worry, what you "
        "typed is saved: tap <b>Continue</b> whenever you're ready.",
    ),
    "flow.resume": ("▶️ Lanjutkan", "▶️ Continue"),
    "flow.discard": ("🗑 Buang draf", "🗑 Discard draft"),
    # Errors, each polite and saying what to do next
    "error.generic": (
        "Maaf, ada yang tidak beres di sisi kami. Pesan Anda tidak hilang; silakan coba lagi "
        "sebentar lagi. Kode rujukan: <code>{ref}</code>",
        "Sorry, something went wrong on our side. Your message is not lost; please try again "
        "in a moment. Reference code: <code>{ref}</code>",
    ),
    "error.changed_meanwhile": (
        "Maaf, tiket ini baru saja diubah oleh orang lain, jadi langkah Anda belum disimpan. "
        "Silakan lihat keadaannya sekarang dan coba lagi.",
        "Sorry, someone else changed this ticket just now, so your step was not saved. "
        "Please look at it as it is now and try again.",
    ),
    "error.not_found": ("Maaf, data itu tidak ditemukan.", "Sorry, that was not found."),
    "error.ticket_not_found": (
        "Tiket {number} tidak ditemukan di antara tiket Anda.",
        "Ticket {number} is not among your tickets.",
    ),
    "error.not_allowed": (
        "Maaf, Anda tidak memiliki akses untuk tindakan ini.",
        "Sorry, you are not allowed to do that.",
    ),
    "error.invalid_input": (
        "Maaf, isian itu belum bisa saya pakai. Silakan coba lagi.",
        "Sorry, I can't use that input. Please try again.",
    ),
    "error.conflict": (
        "Tindakan ini sudah dilakukan sebelumnya, jadi tidak saya ulangi.",
        "This was already done, so I did not repeat it.",
    ),
    "error.transition_refused": (
        "Maaf, tiket ini tidak bisa diubah seperti itu.",
        "Sorry, this ticket can't be changed that way.",
    ),
    "error.transition_impossible": (
        "Tiket berstatus <b>{current}</b> tidak bisa langsung menjadi <b>{target}</b>.",
        "A ticket that is <b>{current}</b> can't go straight to <b>{target}</b>.",
    ),
    "error.transition_role": (
        "Peran Anda tidak dapat mengubah tiket dari <b>{current}</b> ke <b>{target}</b>.",
        "Your role can't move a ticket from <b>{current}</b> to <b>{target}</b>.",
    ),
    "error.too_long": (
        "Pesan Anda terlalu panjang (lebih dari {limit} karakter). Mohon dipersingkat atau "
        "dibagi menjadi beberapa pesan. Isian sebelumnya tetap tersimpan.",
        "Your message is too long (over {limit} characters). Please shorten it or split it "
        "into several messages. What you entered before is kept.",
    ),
    "error.empty_description": (
        "Mohon ceritakan masalahnya dalam beberapa kata.",
        "Please describe the issue in a few words.",
    ),
    "error.bad_name": (
        "Nama itu belum bisa saya pakai. Mohon ketik nama lengkap Anda (maksimal {limit} "
        "karakter).",
        "I can't use that name. Please type your full name (at most {limit} characters).",
    ),
    "error.bad_unit": (
        "Mohon ketik nama unit kerja Anda (maksimal {limit} karakter).",
        "Please type the name of your work unit (at most {limit} characters).",
    ),
    "error.reason_needed": (
        "Mohon sertakan alasannya.",
        "Please include the reason.",
    ),
    "error.stale_button": (
        "Tombol ini sudah tidak berlaku. Ketik /menu untuk mulai lagi.",
        "This button is no longer valid. Type /menu to start again.",
    ),
    "error.unknown_command": (
        "Maaf, perintah itu tidak saya kenal. Ketik /bantuan untuk melihat yang bisa saya "
        "lakukan.",
        "Sorry, I don't know that command. Type /bantuan to see what I can do.",
    ),
    "error.unsupported_media": (
        "Maaf, jenis pesan ini belum bisa saya proses. Silakan kirim teks, foto, atau dokumen.",
        "Sorry, I can't handle this kind of message yet. Please send text, a photo or a document.",
    ),
    "error.rate_limited": (
        "Pesan Anda banyak sekali dalam waktu singkat. Mohon tunggu sebentar, lalu coba lagi.",
        "You're sending a lot of messages very quickly. Please wait a moment and try again.",
    ),
    # Ticket vocabulary
    "ticket_type.complaint": ("Keluhan", "Complaint"),
    "ticket_type.incident": ("Gangguan", "Incident"),
    "ticket_type.problem": ("Masalah", "Problem"),
    "ticket_type.service_request": ("Permintaan layanan", "Service request"),
    "ticket_type.change": ("Perubahan", "Change"),
    "status.new": ("Baru", "New"),
    "status.assigned": ("Sudah ditugaskan", "Assigned"),
    "status.in_progress": ("Sedang ditangani", "In progress"),
    "status.pending": ("Menunggu informasi Anda", "Waiting for your information"),
    "status.resolved": ("Selesai, menunggu konfirmasi", "Resolved, awaiting confirmation"),
    "status.closed": ("Ditutup", "Closed"),
    "status.cancelled": ("Dibatalkan", "Cancelled"),
    "priority.critical": ("Kritis", "Critical"),
    "priority.high": ("Tinggi", "High"),
    "priority.medium": ("Sedang", "Medium"),
    "priority.low": ("Rendah", "Low"),
    "weekday.0": ("Senin", "Monday"),
    "weekday.1": ("Selasa", "Tuesday"),
    "weekday.2": ("Rabu", "Wednesday"),
    "weekday.3": ("Kamis", "Thursday"),
    "weekday.4": ("Jumat", "Friday"),
    "weekday.5": ("Sabtu", "Saturday"),
    "weekday.6": ("Minggu", "Sunday"),
    "month.1": ("Januari", "January"),
    "month.2": ("Februari", "February"),
    "month.3": ("Maret", "March"),
    "month.4": ("April", "April"),
    "month.5": ("Mei", "May"),
    "month.6": ("Juni", "June"),
    "month.7": ("Juli", "July"),
    "month.8": ("Agustus", "August"),
    "month.9": ("September", "September"),
    "month.10": ("Oktober", "October"),
    "month.11": ("November", "November"),
    "month.12": ("Desember", "December"),
    "due.at": (
        "paling lambat {weekday}, {day} {month} {time} {zone}",
        "by {weekday}, {day} {month} {time} {zone}",
    ),
}

MESSAGES.update(
    {
        # Agents
        "agent.new_ticket": (
            "🆕 <b>{number}</b> · {type}\nLayanan: {service}\nPrioritas: <b>{priority}</b>\n"
            "Pelapor: {requester}\n\n{summary}\n\nRespons pertama {response_due}\n"
            "Penyelesaian {resolution_due}\n\n<i>Balas pesan ini untuk menjawab pelapor.</i>",
            "🆕 <b>{number}</b> · {type}\nService: {service}\nPriority: <b>{priority}</b>\n"
            "Requester: {requester}\n\n{summary}\n\nFirst response {response_due}\n"
            "Resolution {resolution_due}\n\n<i>Reply to this message to answer the requester.</i>",
        ),
        "agent.button.take": ("🙋 Ambil", "🙋 Take"),
        "agent.button.assign": ("👥 Tugaskan", "👥 Assign"),
        "agent.button.open": ("🔎 Buka", "🔎 Open"),
    }
)

MESSAGES.update(
    {
        # Intake
        "intake.ask_service": (
            "Layanan mana yang Anda maksud? Pilih di bawah, atau ketik sebagian namanya "
            "(misalnya <i>vpn</i> atau <i>email</i>).",
            "Which service is this about? Pick one below, or type part of its name "
            "(for example <i>vpn</i> or <i>email</i>).",
        ),
        "intake.ask_service_found": (
            'Ini layanan yang cocok dengan "{search}". Pilih salah satu, atau ketik kata lain.',
            'These services match "{search}". Pick one, or type another word.',
        ),
        "intake.service_not_found": (
            'Belum ada layanan yang cocok dengan "{search}". Coba kata lain, atau pilih '
            "<b>Tidak tahu / lainnya</b>.",
            'No service matches "{search}". Try another word, or choose <b>Not sure / other</b>.',
        ),
        "intake.service_unknown": ("🤷 Tidak tahu / lainnya", "🤷 Not sure / other"),
        "intake.service_none": ("Belum ditentukan", "Not specified"),
        "intake.service_chosen": ("Layanan: <b>{service}</b>", "Service: <b>{service}</b>"),
        "intake.describe.incident": (
            "Ceritakan gangguannya: apa yang terjadi, sejak kapan, dan pesan galat yang muncul "
            "bila ada. Anda juga boleh mengirim foto atau tangkapan layar.",
            "Tell me about the disruption: what happens, since when, and any error message. "
            "You may also send a photo or screenshot.",
        ),
        "intake.describe.service_request": (
            "Layanan apa yang Anda perlukan? Tuliskan kebutuhannya sejelas mungkin. Dokumen "
            "pendukung boleh dilampirkan.",
            "What do you need? Describe the request as clearly as you can. You may attach "
            "supporting documents.",
        ),
        "intake.describe.complaint": (
            "Apa yang tidak berjalan sebagaimana mestinya? Ceritakan kejadiannya.",
            "What went wrong? Tell me what happened.",
        ),
        "intake.describe.change": (
            "Perubahan apa yang Anda usulkan? Jelaskan singkat.",
            "What change do you propose? Describe it briefly.",
        ),
        "intake.describe.problem": (
            "Jelaskan masalahnya.",
            "Describe the problem.",
        ),
        "intake.photo_kept": (
            "Lampiran tersimpan. Sekarang tuliskan penjelasannya dalam beberapa kata.",
            "Attachment kept. Now describe the issue in a few words.",
        ),
        "intake.ask_change_kind": ("Jenis perubahannya:", "What kind of change is it?"),
        "intake.change_kind.new": ("🆕 Layanan baru", "🆕 New service"),
        "intake.change_kind.modify": ("✏️ Mengubah layanan", "✏️ Modify a service"),
        "intake.change_kind.move": ("🚚 Memindahkan layanan", "🚚 Move a service"),
        "intake.change_kind.retire": ("🛑 Menghentikan layanan", "🛑 Retire a service"),
        "intake.ask_reason": (
            "Mengapa perubahan ini perlu? Manfaat apa yang diharapkan?",
            "Why is this change needed? What benefit do you expect?",
        ),
        "intake.ask_expected": (
            "Apa yang seharusnya terjadi menurut Anda?",
            "What did you expect to happen?",
        ),
        "intake.ask_urgency": ("Seberapa mendesak bagi Anda?", "How urgent is it for you?"),
        "intake.urgency.high": ("🔴 Pekerjaan saya terhenti", "🔴 My work has stopped"),
        "intake.urgency.medium": ("🟠 Perlu selesai hari ini", "🟠 Needed today"),
        "intake.urgency.low": ("🟢 Bisa menunggu", "🟢 It can wait"),
        "intake.ask_impact": ("Siapa saja yang terdampak?", "Who is affected?"),
        "intake.impact.high": (
            "🏢 Satu unit kerja atau lebih / layanan publik",
            "🏢 A whole unit or more / a public service",
        ),
        "intake.impact.medium": ("👥 Beberapa orang", "👥 Several people"),
        "intake.impact.low": ("👤 Hanya saya", "👤 Just me"),
        "intake.summary": (
            "<b>Mohon periksa kembali</b>\nJenis: {type}\nLayanan: {service}\n"
            "Urgensi: {urgency}\nDampak: {impact}\n{extra}Lampiran: {attachments}\n\n"
            "{description}\n\nSudah benar?",
            "<b>Please check</b>\nType: {type}\nService: {service}\n"
            "Urgency: {urgency}\nImpact: {impact}\n{extra}Attachments: {attachments}\n\n"
            "{description}\n\nIs this right?",
        ),
        "intake.summary.change_kind": ("Jenis perubahan: {kind}\n", "Kind of change: {kind}\n"),
        "intake.summary.reason": ("Alasan: {reason}\n", "Reason: {reason}\n"),
        "intake.summary.expected": ("Harapan: {expected}\n", "Expected: {expected}\n"),
        "intake.send": ("✅ Kirim", "✅ Send"),
        "intake.edit": ("✏️ Ubah penjelasan", "✏️ Edit description"),
        "intake.use_buttons": (
            "Silakan pilih salah satu tombol di atas, atau ketik /batal untuk berhenti.",
            "Please tap one of the buttons above, or type /batal to stop.",
        ),
        "intake.created": (
            "✅ Terima kasih! Tiket Anda tercatat dengan nomor <b>{number}</b>.\n\n"
            "Petugas akan merespons {response_due}, dan kami menargetkan selesai "
            "{resolution_due}.\n\nAnda akan mendapat kabar di sini setiap ada perkembangan. "
            "Ketik /tiket untuk melihat status.",
            "✅ Thank you! Your ticket is recorded as <b>{number}</b>.\n\n"
            "An agent will respond {response_due}, and we aim to resolve it {resolution_due}.\n\n"
            "You'll hear from us here whenever there is progress. Type /tiket to see its status.",
        ),
        "intake.already_sent": (
            "Tiket ini sudah terkirim sebelumnya, jadi tidak saya buat dua kali. Ketik /tiket "
            "untuk melihatnya.",
            "This ticket was already sent, so I did not create it twice. Type /tiket to see it.",
        ),
    }
)

# Journeys keep their texts in modules of their own; all of them form this one catalog.
from texts import (  # noqa: E402
    agent,
    catalog_admin,
    followup,
    knowledge,
    knowledge_admin,
    notices,
    privacy,
    scheduler,
)

for _part in (
    agent,
    catalog_admin,
    followup,
    knowledge,
    knowledge_admin,
    notices,
    privacy,
    scheduler,
):
    _clash = MESSAGES.keys() & _part.MESSAGES.keys()
    if _clash:
        raise RuntimeError(f"text keys defined twice: {sorted(_clash)}")
    MESSAGES.update(_part.MESSAGES)
