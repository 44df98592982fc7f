"""Texts of the scheduler journeys (merged into the one catalog by `texts.catalog`).

Staff notices say what to do next and when they stop: an SLA warning stops once the ticket
is answered, pended or resolved; the digest comes once per working day.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "sla.target.response": ("respons pertama", "first response"),
    "sla.target.resolution": ("penyelesaian", "resolution"),
    "sla.nobody": ("belum ada petugas", "nobody yet"),
    "sla.warning": (
        "⏰ <b>Peringatan SLA</b> · <b>{number}</b> ({priority})\n"
        "Waktu {target} sudah terpakai 75%, batasnya {due}.\n{title}\n\n"
        "<i>Peringatan berhenti bila tiket dijawab, ditunda menunggu pelapor, "
        "atau diselesaikan.</i>",
        "⏰ <b>SLA warning</b> · <b>{number}</b> ({priority})\n"
        "75% of the {target} time is used; it is due {due}.\n{title}\n\n"
        "<i>Warnings stop once the ticket is answered, pended on the requester, "
        "or resolved.</i>",
    ),
    "sla.breach": (
        "🚨 <b>SLA terlampaui</b> · <b>{number}</b> ({priority})\n"
        "Target {target} lewat; batasnya {due}.\nLayanan: {service}\nPetugas: {assignee}\n"
        "{title}",
        "🚨 <b>SLA breached</b> · <b>{number}</b> ({priority})\n"
        "The {target} target has passed; it was due {due}.\nService: {service}\n"
        "Agent: {assignee}\n{title}",
    ),
    "workload.alert": (
        "📈 <b>Batas beban kerja {percent}%</b> · {service}\n"
        "Bulan {month} sudah masuk {count} tiket dari batas {limit} tiket per bulan "
        "(SLA: {sla}).",
        "📈 <b>Workload limit {percent}%</b> · {service}\n"
        "{count} tickets so far in {month}, against a limit of {limit} a month "
        "(SLA: {sla}).",
    ),
    "digest.morning": (
        "☀️ <b>Ringkasan pagi</b> · {date}\n\n"
        "Tiket terbuka: <b>{open}</b>\n{by_priority}\n\n"
        "Jatuh tempo hari ini: <b>{due_today}</b>\nLewat batas: <b>{breached}</b>\n\n"
        "<i>Ringkasan ini dikirim setiap hari kerja pukul 07.30.</i>",
        "☀️ <b>Morning digest</b> · {date}\n\n"
        "Open tickets: <b>{open}</b>\n{by_priority}\n\n"
        "Due today: <b>{due_today}</b>\nBreached: <b>{breached}</b>\n\n"
        "<i>This digest comes every working day at 07:30.</i>",
    ),
    "digest.priority_line": ("• {priority}: {count}", "• {priority}: {count}"),
    "digest.date": ("{weekday}, {day} {month} {year}", "{weekday}, {day} {month} {year}"),
    "delivery.failed": (
        "⚠️ Notifikasi #{id} untuk chat {chat} gagal terkirim setelah {attempts} percobaan: "
        "{error}",
        "⚠️ Notice #{id} to chat {chat} could not be delivered after {attempts} attempts: "
        "{error}",
    ),
}
