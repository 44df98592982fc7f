"""Texts of catalog upkeep: service status, SLAs, service reports, followers, closures.

Report texts (`svc.report.*`) are Markdown lines, not HTML: the report is stored and sent as
preformatted text.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # Errors
    "svc.error.transition": (
        "Status layanan <b>{current}</b> tidak bisa diubah menjadi <b>{target}</b>. "
        "Yang diizinkan dari status ini: {allowed}.",
        "A service that is <b>{current}</b> can't become <b>{target}</b>. "
        "Allowed from this status: {allowed}.",
    ),
    "svc.error.status": (
        "Status itu tidak saya kenal. Pilih salah satu: direncanakan, pengembangan, aktif, "
        "nonaktif, akan_berhenti, berhenti.",
        "I don't know that status. Use one of: planned, in_development, active, deactivated, "
        "retiring, retired.",
    ),
    "svc.error.unknown": (
        "Layanan dengan kode <b>{code}</b> tidak ada. Ketik /katalog untuk melihat kodenya.",
        "There is no service with code <b>{code}</b>. Type /katalog to see the codes.",
    ),
    "svc.error.retired": (
        "Layanan ini telah berhenti, jadi tidak bisa diikuti lagi.",
        "This service is retired, so it can no longer be followed.",
    ),
    # Status change notice (agents' group and followers)
    "svc.notice.status": (
        "📣 <b>Status layanan berubah</b>\n{name} (<code>{code}</code>): {old} → <b>{new}</b>"
        "\nAlasan: {reason}",
        "📣 <b>Service status changed</b>\n{name} (<code>{code}</code>): {old} → <b>{new}</b>"
        "\nReason: {reason}",
    ),
    # /layanan
    "svc.usage": (
        "Cara pakai:\n<code>/layanan kode</code> untuk melihat layanan\n"
        "<code>/layanan kode status alasan</code> untuk mengubah statusnya, misalnya "
        "<code>/layanan email-dinas nonaktif migrasi server</code>",
        "Usage:\n<code>/layanan code</code> to see a service\n"
        "<code>/layanan code status reason</code> to change its status, for example "
        "<code>/layanan email-dinas deactivated server migration</code>",
    ),
    "svc.entry": (
        "📘 <b>{name}</b> (<code>{code}</code>)\nStatus: <b>{status}</b>\nKatalog: {catalog}\n"
        "Kalender kerja: {calendar}\nPemilik: {owner}\nPengikut: {followers}\n"
        "Status berikutnya yang diizinkan: {allowed}\n\n<b>Perubahan terakhir</b>\n{history}",
        "📘 <b>{name}</b> (<code>{code}</code>)\nStatus: <b>{status}</b>\nCatalog: {catalog}\n"
        "Business calendar: {calendar}\nOwner: {owner}\nFollowers: {followers}\n"
        "Allowed next statuses: {allowed}\n\n<b>Recent changes</b>\n{history}",
    ),
    "svc.entry.change": (
        "• {at}: {old} → {new} ({reason})",
        "• {at}: {old} → {new} ({reason})",
    ),
    "svc.entry.no_changes": ("belum ada", "none yet"),
    "svc.entry.none": ("tidak ada", "none"),
    "svc.changed": (
        "✅ Status <b>{name}</b> kini <b>{new}</b> (sebelumnya {old}).\n"
        "Pemberitahuan dikirim ke grup petugas dan {followers} pengikut; laporan layanan "
        "nomor {report} dikirim ke koordinator.",
        "✅ <b>{name}</b> is now <b>{new}</b> (was {old}).\n"
        "The agents' group and {followers} followers are told; service report number "
        "{report} goes to the coordinators.",
    ),
    # /sla
    "svc.sla.usage": (
        "Cara pakai: <code>/sla kode-layanan</code>, misalnya <code>/sla email-dinas</code>",
        "Usage: <code>/sla service-code</code>, for example <code>/sla email-dinas</code>",
    ),
    "svc.sla.none": (
        "Layanan <b>{name}</b> belum memiliki perjanjian level layanan.",
        "<b>{name}</b> has no service level agreement yet.",
    ),
    "svc.sla.title": ("📑 <b>PLL/SLA {name}</b>", "📑 <b>SLAs of {name}</b>"),
    "svc.sla.agreement": (
        "<b>{name}</b>\nBentuk: {form} · Rujukan: {reference}\nBerlaku: {valid}",
        "<b>{name}</b>\nForm: {form} · Reference: {reference}\nValid: {valid}",
    ),
    "svc.sla.target": (
        "• {type} / {priority}: respons {response}, selesai {resolution}",
        "• {type} / {priority}: response {response}, resolution {resolution}",
    ),
    "svc.sla.limits": (
        "Batas beban kerja: {tickets} tiket/bulan, {users} pengguna, {transactions} "
        "transaksi/bulan",
        "Workload limits: {tickets} tickets/month, {users} users, {transactions} "
        "transactions/month",
    ),
    "svc.sla.exception": (
        "Pengecualian: {start} – {end}: {reason}",
        "Exception: {start} – {end}: {reason}",
    ),
    "svc.sla.minutes": ("{count} menit kerja", "{count} business minutes"),
    "svc.sla.unlimited": ("-", "-"),
    "svc.sla.always": ("tanpa batas waktu", "open-ended"),
    "svc.form.signed_document": ("dokumen bertanda tangan", "signed document"),
    "svc.form.email": ("surel", "e-mail"),
    "svc.form.terms_of_service": ("ketentuan layanan", "terms of service"),
    # Following a service
    "follow.usage": (
        "Cara pakai: <code>/ikuti kode-layanan</code>; berhenti dengan "
        "<code>/berhenti_ikuti kode-layanan</code>.",
        "Usage: <code>/ikuti service-code</code>; stop with "
        "<code>/berhenti_ikuti service-code</code>.",
    ),
    "follow.done": (
        "🔔 Anda kini mengikuti <b>{name}</b>. Saya akan mengabari Anda bila statusnya berubah. "
        "Berhenti kapan saja dengan <code>/berhenti_ikuti {code}</code>.",
        "🔔 You now follow <b>{name}</b>. I'll tell you when its status changes. Stop any "
        "time with <code>/berhenti_ikuti {code}</code>.",
    ),
    "follow.already": (
        "Anda sudah mengikuti <b>{name}</b>. Berhenti dengan <code>/berhenti_ikuti {code}</code>.",
        "You already follow <b>{name}</b>. Stop with <code>/berhenti_ikuti {code}</code>.",
    ),
    "follow.stopped": (
        "🔕 Anda tidak lagi mengikuti <b>{name}</b>.",
        "🔕 You no longer follow <b>{name}</b>.",
    ),
    "follow.not_following": (
        "Anda memang tidak sedang mengikuti <b>{name}</b>.",
        "You were not following <b>{name}</b>.",
    ),
    "follow.register_first": (
        "Sebelum mengikuti layanan, mohon daftar dulu dengan /start.",
        "Before following a service, please register with /start.",
    ),
    # Calendar closures
    "closure.usage": (
        "Cara pakai:\n<code>/libur</code> melihat hari libur dan penutupan mendatang\n"
        "<code>/libur tambah 2026-12-24 Cuti bersama Natal [kode-kalender]</code>\n"
        "<code>/libur hapus 2026-12-24 [kode-kalender]</code>\n"
        "Tanpa kode kalender, berlaku untuk semua kalender kantor.",
        "Usage:\n<code>/libur</code> lists upcoming closures\n"
        "<code>/libur tambah 2026-12-24 Christmas joint leave [calendar-code]</code>\n"
        "<code>/libur hapus 2026-12-24 [calendar-code]</code>\n"
        "Without a calendar code it applies to every office calendar.",
    ),
    "closure.added": (
        "📅 {day} kini hari libur ({reason}) pada kalender: {calendars}.\n"
        "Tenggat {moved} tiket terbuka telah digeser.",
        "📅 {day} is now closed ({reason}) on calendars: {calendars}.\n"
        "Due times of {moved} open tickets moved.",
    ),
    "closure.removed": (
        "📅 Penutupan {day} ({reason}) dihapus dari kalender: {calendars}.\n"
        "Tenggat {moved} tiket terbuka telah digeser.",
        "📅 The closure on {day} ({reason}) is removed from calendars: {calendars}.\n"
        "Due times of {moved} open tickets moved.",
    ),
    "closure.list": (
        "📅 <b>Hari libur dan penutupan mendatang</b>\n{items}\n\nLibur nasional dihitung "
        "otomatis dan tidak tercantum di sini.",
        "📅 <b>Upcoming closures</b>\n{items}\n\nNational holidays are counted automatically "
        "and are not listed here.",
    ),
    "closure.item": ("• {day}: {reason} ({calendars})", "• {day}: {reason} ({calendars})"),
    "closure.none": ("Belum ada penutupan mendatang.", "No upcoming closures."),
    "closure.error.date": (
        "Tanggal <b>{text}</b> tidak bisa saya baca. Tulis seperti 2026-12-24.",
        "I can't read the date <b>{text}</b>. Write it like 2026-12-24.",
    ),
    "closure.error.reason": (
        "Mohon sertakan alasannya, misalnya: Cuti bersama Natal.",
        "Please give the reason, for example: Christmas joint leave.",
    ),
    "closure.error.calendar": (
        "Kalender <b>{code}</b> tidak ada.",
        "There is no calendar <b>{code}</b>.",
    ),
    "closure.error.always_open": (
        "Kalender itu berjalan 24 jam, jadi tidak memiliki hari libur.",
        "That calendar runs around the clock, so it has no closures.",
    ),
    "closure.error.exists": (
        "{day} sudah tercatat sebagai hari libur pada kalender itu.",
        "{day} is already recorded as closed on that calendar.",
    ),
    "closure.error.missing": (
        "Tidak ada penutupan yang ditambahkan lewat bot pada {day}. Penutupan dari berkas "
        "kalender hanya bisa diubah di berkas itu.",
        "No closure was added in the bot on {day}. Closures from the calendar file can only "
        "be changed in that file.",
    ),
    # Service report (Markdown)
    "svc.report.message": (
        "📊 <b>Laporan layanan</b> (bagian {number}/{total})",
        "📊 <b>Service report</b> (part {number}/{total})",
    ),
    "svc.report.title": (
        "# Laporan Layanan: {name} ({code})",
        "# Service Report: {name} ({code})",
    ),
    "svc.report.period": ("Periode: {start} s.d. {end}", "Period: {start} to {end}"),
    "svc.report.change_heading": ("## Perubahan status", "## Status change"),
    "svc.report.change": (
        "- {old} → {new}, {at}\n- Alasan: {reason}",
        "- {old} → {new}, {at}\n- Reason: {reason}",
    ),
    "svc.report.tickets_heading": (
        "## Tiket yang dibuat dalam periode: {count}",
        "## Tickets created in the period: {count}",
    ),
    "svc.report.by_type": ("- Menurut jenis: {items}", "- By type: {items}"),
    "svc.report.by_priority": ("- Menurut prioritas: {items}", "- By priority: {items}"),
    "svc.report.by_status": ("- Menurut status: {items}", "- By status: {items}"),
    "svc.report.sla_heading": (
        "## Kepatuhan SLA (tiket yang diselesaikan dalam periode)",
        "## SLA compliance (tickets resolved in the period)",
    ),
    "svc.report.compliance": (
        "- Selesai sebelum tenggat: {in_time} dari {resolved} ({percent}%)",
        "- Resolved by the due time: {in_time} of {resolved} ({percent}%)",
    ),
    "svc.report.none_resolved": (
        "- Tidak ada tiket yang diselesaikan dalam periode ini",
        "- No tickets were resolved in this period",
    ),
    "svc.report.satisfaction": (
        "- Rata-rata kepuasan: {mean} dari 5 ({count} penilaian)",
        "- Mean satisfaction: {mean} of 5 ({count} ratings)",
    ),
    "svc.report.no_ratings": ("- Belum ada penilaian kepuasan", "- No satisfaction ratings yet"),
    "svc.report.workload_heading": (
        "## Beban kerja terhadap batas SLA",
        "## Workload against SLA limits",
    ),
    "svc.report.no_sla": ("- Layanan ini belum memiliki SLA", "- This service has no SLA"),
    "svc.report.monthly": (
        "  - Tiket per bulan: tertinggi {count} ({month}), batas {limit}; bulan di atas "
        "batas: {over}",
        "  - Tickets per month: highest {count} ({month}), limit {limit}; months over the "
        "limit: {over}",
    ),
    "svc.report.no_ticket_limit": (
        "  - Tiket per bulan: tertinggi {count} ({month}), tanpa batas",
        "  - Tickets per month: highest {count} ({month}), no limit",
    ),
    "svc.report.users": (
        "  - Pengguna yang melapor: {count}, batas {limit} pengguna",
        "  - Requesters who lodged tickets: {count}, limit {limit} users",
    ),
    "svc.report.transactions": (
        "  - Transaksi per bulan: batas {limit}; tidak diukur oleh Sigap",
        "  - Transactions per month: limit {limit}; not measured by Sigap",
    ),
    "svc.report.exceptions_heading": (
        "## Pengecualian SLA dalam periode",
        "## SLA exceptions in the period",
    ),
    "svc.report.no_exceptions": ("- Tidak ada", "- None"),
}
