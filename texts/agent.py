"""Texts of the agent journeys (merged into the one catalog by `texts.catalog`)."""

COMMANDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    # name: ((description id, en), (arguments id, en))
    "queue": (
        (
            "Antrean tiket: saya, baru, layanan KODE, tenggat",
            "Ticket queue: mine, unassigned, svc CODE, due",
        ),
        ("[saya|baru|layanan KODE|tenggat]", "[mine|unassigned|svc CODE|due]"),
    ),
    "take": (("Ambil tiket untuk saya", "Take a ticket myself"), ("NOMOR", "NUMBER")),
    "assign": (
        ("Tugaskan tiket ke petugas", "Assign a ticket to an agent"),
        ("NOMOR @petugas", "NUMBER @agent"),
    ),
    "reply": (("Balas ke pelapor", "Reply to the requester"), ("NOMOR teks", "NUMBER text")),
    "note": (
        (
            "Catatan internal, tidak dikirim ke pelapor",
            "Internal note, never sent to the requester",
        ),
        ("NOMOR teks", "NUMBER text"),
    ),
    "pending": (
        (
            "Minta info ke pelapor; SLA berhenti sementara",
            "Ask the requester; the SLA clock pauses",
        ),
        ("NOMOR pertanyaan", "NUMBER question"),
    ),
    "resolve": (
        ("Selesaikan tiket dengan solusinya", "Resolve with the solution"),
        ("NOMOR solusi", "NUMBER solution"),
    ),
    "close": (("Tutup tiket yang sudah selesai", "Close a resolved ticket"), ("NOMOR", "NUMBER")),
    "reopen": (("Buka kembali tiket", "Reopen a ticket"), ("NOMOR", "NUMBER")),
    "link": (
        ("Kaitkan gangguan ke masalah", "Link an incident to a problem"),
        ("NOMOR MASALAH", "NUMBER PROBLEM"),
    ),
    "merge": (
        ("Gabungkan tiket ganda ke tiket lain", "Merge a duplicate into another ticket"),
        ("NOMOR KE", "NUMBER INTO"),
    ),
    "ticket": (("Rincian dan riwayat tiket", "Ticket details and history"), ("NOMOR", "NUMBER")),
    "canned": (
        ("Balasan siap pakai", "Saved replies"),
        ("[kunci NOMOR]", "[key NUMBER]"),
    ),
    "priority": (
        ("Ubah prioritas (koordinator)", "Change priority (coordinator)"),
        ("NOMOR kritis|tinggi|sedang|rendah alasan", "NUMBER critical|high|medium|low reason"),
    ),
    "approve": (
        ("Setujui perubahan (koordinator)", "Approve a change (coordinator)"),
        ("NOMOR [catatan]", "NUMBER [note]"),
    ),
    "reject": (
        ("Tolak perubahan (koordinator)", "Reject a change (coordinator)"),
        ("NOMOR alasan", "NUMBER reason"),
    ),
    "grant": (
        ("Beri peran petugas (admin)", "Grant a staff role (admin)"),
        (
            "ID|@username agen|koordinator [kode-layanan]",
            "ID|@username agent|coordinator [service-codes]",
        ),
    ),
    "revoke": (
        ("Cabut peran petugas (admin)", "Revoke a staff role (admin)"),
        ("ID|@username", "ID|@username"),
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"agent.command.{name}": texts for name, (texts, _) in COMMANDS.items()},
    **{f"agent.args.{name}": args for name, (_, args) in COMMANDS.items()},
    "agent.role_name.requester": ("pelapor", "requester"),
    "agent.role_name.agent": ("agen", "agent"),
    "agent.role_name.coordinator": ("koordinator", "coordinator"),
    "agent.role_name.admin": ("admin", "admin"),
    "agent.help": (
        "<b>Perintah petugas</b>\n{lines}\n\nBalas pesan tiket di grup ini untuk menjawab "
        "pelapor. Awali balasan dengan <code>{prefix}</code> untuk catatan internal.",
        "<b>Staff commands</b>\n{lines}\n\nReply to a ticket's message in this group to "
        "answer the requester. Start a reply with <code>{prefix}</code> for an internal note.",
    ),
    "agent.help.line": (
        "/{command} (/{alias}) <i>{args}</i>\n    {description}",
        "/{command} (/{alias}) <i>{args}</i>\n    {description}",
    ),
    "agent.usage": (
        "Cara pakai: <code>/{command} {args}</code>",
        "Usage: <code>/{command} {args}</code>",
    ),
    # Queue
    "agent.queue.title.priority": ("<b>Antrean menurut prioritas</b>", "<b>Queue by priority</b>"),
    "agent.queue.title.mine": ("<b>Tiket saya</b>", "<b>My tickets</b>"),
    "agent.queue.title.unassigned": (
        "<b>Tiket belum ada petugasnya</b>",
        "<b>Unassigned tickets</b>",
    ),
    "agent.queue.title.svc": ("<b>Antrean layanan {code}</b>", "<b>Queue of service {code}</b>"),
    "agent.queue.title.due": (
        "<b>Paling dekat tenggatnya</b>",
        "<b>Closest to their due time</b>",
    ),
    "agent.queue.line": (
        "{mark} <b>{number}</b> · {priority} · {status}\n    {title}\n    Petugas: {assignee}"
        " · selesai {due}",
        "{mark} <b>{number}</b> · {priority} · {status}\n    {title}\n    Agent: {assignee}"
        " · resolve {due}",
    ),
    "agent.queue.empty": (
        "Tidak ada tiket di antrean ini. 🎉",
        "No tickets in this queue. 🎉",
    ),
    # Ticket card
    "agent.ticket.card": (
        "🎫 <b>{number}</b> · {type}\n{title}\nLayanan: {service}\nPrioritas: {priority} · "
        "Status: {status}\nPetugas: {assignee}\nPelapor: {requester}\n"
        "Respons pertama {response_due}\nPenyelesaian {resolution_due}",
        "🎫 <b>{number}</b> · {type}\n{title}\nService: {service}\nPriority: {priority} · "
        "Status: {status}\nAgent: {assignee}\nRequester: {requester}\n"
        "First response {response_due}\nResolution {resolution_due}",
    ),
    "agent.ticket.history": ("<b>Riwayat</b>", "<b>History</b>"),
    "agent.ticket.change": (
        "{when} · {who}: {field} {old} → {new}",
        "{when} · {who}: {field} {old} → {new}",
    ),
    "agent.ticket.message.requester": (
        "{when} · {who} 🗣 {body}",
        "{when} · {who} 🗣 {body}",
    ),
    "agent.ticket.message.agent": ("{when} · {who} 💬 {body}", "{when} · {who} 💬 {body}"),
    "agent.ticket.message.note": ("{when} · {who} 📝 {body}", "{when} · {who} 📝 {body}"),
    # Routing
    "agent.route.assigned": (
        "📌 Tiket <b>{number}</b> ({priority}) ditugaskan kepada Anda.\n{service}: {title}",
        "📌 Ticket <b>{number}</b> ({priority}) is assigned to you.\n{service}: {title}",
    ),
    "agent.assign.pick": (
        "Tugaskan <b>{number}</b> kepada siapa? (⭐ kompeten, angka = tiket terbuka)",
        "Assign <b>{number}</b> to whom? (⭐ competent, number = open tickets)",
    ),
    "agent.assign.option": ("{mark}{name} ({load})", "{mark}{name} ({load})"),
    "agent.assign.nobody": (
        "Belum ada petugas yang melayani layanan tiket {number}. Pakai /assign {number} @petugas.",
        "No agent serves the service of ticket {number} yet. Use /assign {number} @agent.",
    ),
    # Confirmations
    "agent.done.take": ("✅ {number} kini ditangani {name}.", "✅ {name} now handles {number}."),
    "agent.done.assign": (
        "✅ {number} ditugaskan kepada {name}.",
        "✅ {number} assigned to {name}.",
    ),
    "agent.done.reply": (
        "📨 Balasan untuk {number} dikirim ke pelapor.",
        "📨 Reply on {number} sent to the requester.",
    ),
    "agent.done.note": (
        "📝 Catatan internal disimpan di {number}.",
        "📝 Internal note kept on {number}.",
    ),
    "agent.done.pending": (
        "⏸ {number} menunggu jawaban pelapor; jam SLA berhenti sementara.",
        "⏸ {number} waits for the requester; the SLA clock is paused.",
    ),
    "agent.done.resolve": (
        "✅ {number} diselesaikan; pelapor diminta mengonfirmasi.",
        "✅ {number} resolved; the requester is asked to confirm.",
    ),
    "agent.done.close": ("🔒 {number} ditutup.", "🔒 {number} closed."),
    "agent.done.reopen": ("🔄 {number} dibuka kembali.", "🔄 {number} reopened."),
    "agent.done.priority": (
        "🔺 Prioritas {number} kini {priority}; tenggat ikut disesuaikan.",
        "🔺 {number} is now {priority} priority; due times follow.",
    ),
    "agent.done.link": (
        "🔗 {number} dikaitkan ke masalah {problem}.",
        "🔗 {number} linked to problem {problem}.",
    ),
    "agent.done.merge": (
        "🔀 {number} digabung ke {original} dan dibatalkan.",
        "🔀 {number} merged into {original} and cancelled.",
    ),
    "agent.done.approve": ("👍 Perubahan {number} disetujui.", "👍 Change {number} approved."),
    "agent.done.reject": ("👎 Perubahan {number} ditolak.", "👎 Change {number} rejected."),
    "agent.done.grant": (
        "✅ {who} kini {role}. Layanan: {services}.",
        "✅ {who} is now {role}. Services: {services}.",
    ),
    "agent.done.revoke": ("✅ Peran petugas {who} dicabut.", "✅ {who} is no longer staff."),
    # Canned replies
    "agent.canned.list": (
        "<b>Balasan siap pakai</b>\n{lines}\n\nKirim: <code>/canned kunci NOMOR</code>",
        "<b>Saved replies</b>\n{lines}\n\nSend one: <code>/canned key NUMBER</code>",
    ),
    "agent.canned.line": (
        "• <code>{key}</code> — {title}",
        "• <code>{key}</code> — {title}",
    ),
    "agent.canned.none": ("Belum ada balasan siap pakai.", "There are no saved replies yet."),
    # Notices to requesters and staff
    "agent.notice.merged": (
        "ℹ️ Tiket <b>{number}</b> sama dengan tiket <b>{original}</b>, jadi kami gabungkan. "
        "Perkembangannya kami sampaikan lewat {original}.",
        "ℹ️ Ticket <b>{number}</b> is the same as <b>{original}</b>, so we merged them. "
        "You'll hear about it under {original}.",
    ),
    "agent.notice.change_approved": (
        "👍 Usulan perubahan <b>{number}</b> disetujui dan sedang kami kerjakan.",
        "👍 Your change request <b>{number}</b> is approved and we're working on it.",
    ),
    "agent.notice.change_rejected": (
        "Usulan perubahan <b>{number}</b> belum dapat disetujui.\n\nAlasan: {reason}",
        "Your change request <b>{number}</b> could not be approved.\n\nReason: {reason}",
    ),
    "agent.role.granted": (
        "👋 Anda kini terdaftar sebagai {role} di Sigap. "
        "Ketik /staffhelp untuk perintah petugas.",
        "👋 You are now registered as {role} in Sigap. Type /staffhelp for the staff commands.",
    ),
    "agent.role.revoked": (
        "Peran petugas Anda di Sigap telah dicabut. Anda tetap bisa melapor seperti biasa.",
        "Your staff role in Sigap was revoked. You can still report as usual.",
    ),
    # Refusals
    "agent.error.out_of_scope": (
        "Maaf, tiket {number} berada di luar layanan yang Anda tangani.",
        "Sorry, ticket {number} is outside the services you handle.",
    ),
    "agent.error.no_ticket": ("Tiket {number} tidak ditemukan.", "Ticket {number} not found."),
    "agent.error.ticket_closed": (
        "Tiket {number} sudah ditutup atau dibatalkan.",
        "Ticket {number} is already closed or cancelled.",
    ),
    "agent.error.not_takeable": (
        "Tiket {number} sudah diselesaikan; pakai /reopen bila perlu dikerjakan lagi.",
        "Ticket {number} is already resolved; use /reopen if it needs more work.",
    ),
    "agent.error.taken": (
        "Tiket {number} sudah ditangani {name}.",
        "Ticket {number} is already handled by {name}.",
    ),
    "agent.error.yours_already": (
        "Tiket {number} sudah Anda tangani.",
        "You already handle ticket {number}.",
    ),
    "agent.error.already_assigned": (
        "Tiket {number} memang sudah ditugaskan kepada {name}.",
        "Ticket {number} is already assigned to {name}.",
    ),
    "agent.error.assignee_out_of_scope": (
        "{name} tidak melayani layanan tiket {number}.",
        "{name} does not serve the service of ticket {number}.",
    ),
    "agent.error.no_agent": ("{who} bukan petugas Sigap.", "{who} is not Sigap staff."),
    "agent.error.bad_person": (
        "Sebut orangnya dengan ID Telegram atau @username.",
        "Name the person by Telegram id or @username.",
    ),
    "agent.error.unknown_person": (
        "{who} belum pernah menghubungi Sigap. Minta ia mengetik /start dulu, atau pakai "
        "ID Telegram-nya.",
        "{who} has not contacted Sigap yet. Ask them to type /start first, or use their "
        "Telegram id.",
    ),
    "agent.error.bad_role": (
        "Peran yang bisa diberikan: agen atau koordinator.",
        "Roles that can be granted: agent or coordinator.",
    ),
    "agent.error.admin_role": (
        "Peran admin diatur lewat konfigurasi, bukan lewat perintah.",
        "Admin roles come from the configuration, not from commands.",
    ),
    "agent.error.not_staff": ("{who} bukan petugas.", "{who} is not staff."),
    "agent.error.unknown_service": (
        "Kode layanan tidak dikenal: {codes}",
        "Unknown service code: {codes}",
    ),
    "agent.error.empty_text": ("Teksnya masih kosong.", "The text is empty."),
    "agent.error.link_incident": (
        "Hanya tiket gangguan yang dapat dikaitkan ke masalah; {number} bukan gangguan.",
        "Only incidents link to a problem; {number} is not an incident.",
    ),
    "agent.error.link_problem": (
        "{number} bukan tiket masalah.",
        "{number} is not a problem ticket.",
    ),
    "agent.error.merge_self": (
        "Tiket tidak dapat digabung ke dirinya sendiri.",
        "A ticket cannot be merged into itself.",
    ),
    "agent.error.not_change": ("{number} bukan usulan perubahan.", "{number} is not a change."),
    "agent.error.decided": (
        "Perubahan {number} sudah diputuskan sebelumnya.",
        "Change {number} was already decided.",
    ),
    "agent.error.same_priority": (
        "Prioritas {number} memang sudah itu.",
        "{number} already has that priority.",
    ),
    "agent.error.queue_view": (
        "Pilihan antrean: saya, baru, layanan KODE, tenggat.",
        "Queue options: mine, unassigned, svc CODE, due.",
    ),
    "agent.error.no_canned": (
        "Tidak ada balasan siap pakai <code>{key}</code>. Ketik /canned untuk daftarnya.",
        "There is no saved reply <code>{key}</code>. Type /canned for the list.",
    ),
}
