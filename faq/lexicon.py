"""Word lists for informal Indonesian as typed into a service-desk chat.

The lists are data, kept apart from the rules in `faq.normalize` so they can grow without
touching code. They were written for Sigap from common chat usage; they are deliberately
small and general (no entry names a particular FAQ), because the matcher must work on
knowledge it has never seen.
"""

from __future__ import annotations

# Service and agency acronyms. Slang rules never touch them and the stemmer leaves them
# whole: generic slang lists turn "kk" into "kakak", but here KK is the Kartu Keluarga.
PROTECTED_ACRONYMS: frozenset[str] = frozenset(
    [
        "kk", "ktp", "ektp", "nik", "kia", "akta", "npwp", "nib", "npp", "nip", "nuptk", "nisn",
        "nrp", "sim", "stnk", "bpkb", "skck", "skd", "sktm", "bpjs", "jkn", "kis", "kip", "pkh",
        "bst", "blt", "bansos", "dtks", "simpeg", "sapk", "siasn", "mysapk", "bkn", "bkd",
        "bkpsdm", "asn", "pns", "pppk", "cpns", "tpp", "tukin", "spt", "sptjm", "sppt", "pbb",
        "bphtb", "pdam", "pln", "samsat", "kpp", "djp", "oss", "lkpm", "imb", "pbg", "slf", "itr",
        "kkpr", "rdtr", "amdal", "ukl", "upl", "sppl", "siup", "tdp", "situ", "ho", "sku", "skdu",
        "umkm", "ukm", "iumk", "npwpd", "pad", "disdukcapil", "dukcapil", "dinsos", "dinkes",
        "disdik", "dishub", "bappeda", "bappenda", "bapenda", "dpmptsp", "ptsp", "mpp", "pupr",
        "dlh", "kemenag", "kua", "polres", "polsek", "polda", "kejari", "pn", "pa", "bpn", "atr",
        "kemenkumham", "ahu", "taspen", "asabri", "bri", "bni", "btn", "bsi", "spbe", "sso",
        "vpn", "lan", "wan", "wifi", "ip", "dns", "dhcp", "smtp", "imap", "pop", "ldap", "ad",
        "otp", "pin", "puk", "sms", "cctv", "ups", "pc", "cpu", "ram", "ssd", "hdd", "usb", "os",
        "pdf", "ak1", "ak5", "nkri", "sk", "skp", "sotk", "opd", "rsud", "puskesmas", "sekda",
        "setda", "kominfo", "diskominfo", "tik", "it", "ti", "helpdesk", "lpse", "sirup",
    ]
)

# Informal spellings, abbreviations and slang mapped to one standard form. A value may hold
# two words ("tidak bisa"). Keys are already lower-case and de-stretched.
SLANG: dict[str, str] = {
    # negation and its fused forms
    "g": "tidak", "ga": "tidak", "gak": "tidak", "gk": "tidak", "gag": "tidak",
    "ngga": "tidak", "nggak": "tidak", "nggk": "tidak", "ngak": "tidak", "enggak": "tidak",
    "engga": "tidak", "ndak": "tidak", "nda": "tidak", "kagak": "tidak", "tdk": "tidak",
    "tak": "tidak", "tdak": "tidak", "kaga": "tidak", "gaada": "tidak ada",
    "gada": "tidak ada", "gakada": "tidak ada", "tdkada": "tidak ada", "gabisa": "tidak bisa",
    "gbs": "tidak bisa", "gakbisa": "tidak bisa", "gabs": "tidak bisa", "gatau": "tidak tahu",
    "gatw": "tidak tahu", "gktau": "tidak tahu", "gamau": "tidak mau", "gmau": "tidak mau",
    "gapernah": "tidak pernah", "gakpernah": "tidak pernah", "gajadi": "tidak jadi",
    "gamasuk": "tidak masuk", "gakmasuk": "tidak masuk", "gabisa2": "tidak bisa",
    "blm": "belum", "blom": "belum", "belom": "belum", "blum": "belum", "lom": "belum",
    "bukn": "bukan",
    # done, already, still
    "udh": "sudah", "udah": "sudah", "sdh": "sudah", "dah": "sudah", "udhan": "sudah",
    "sudh": "sudah", "uda": "sudah", "msh": "masih", "masi": "masih", "masih2": "masih",
    # pronouns and forms of address
    "sy": "saya", "sya": "saya", "aku": "saya", "aq": "saya", "gue": "saya", "gw": "saya",
    "gua": "saya", "ane": "saya", "ak": "saya", "km": "kamu", "kmu": "kamu", "lu": "kamu",
    "lo": "kamu", "loe": "kamu", "elu": "kamu", "u": "kamu", "kalian": "kamu",
    "kt": "kita", "qta": "kita", "mimin": "admin", "min": "admin", "adm": "admin",
    "bpk": "bapak", "pak": "bapak", "bp": "bapak", "bu": "ibu", "mba": "mbak", "kak": "kakak",
    "kaka": "kakak", "gan": "juragan", "bro": "saudara", "sis": "saudara", "bang": "abang",
    "doi": "dia", "dy": "dia", "dya": "dia", "ybs": "yang bersangkutan",
    # question words
    "gmn": "bagaimana", "gmna": "bagaimana", "gmana": "bagaimana", "gimana": "bagaimana",
    "gimane": "bagaimana", "bgmn": "bagaimana", "bgmna": "bagaimana", "bgaimana": "bagaimana",
    "bagaimna": "bagaimana", "gmnkah": "bagaimana", "gmn2": "bagaimana",
    "dmn": "dimana", "dmna": "dimana", "dimn": "dimana", "dimane": "dimana",
    "kmn": "kemana", "kmana": "kemana", "knp": "kenapa", "knpa": "kenapa",
    "knapa": "kenapa", "napa": "kenapa", "ngapa": "kenapa", "mengapa": "kenapa",
    "kpn": "kapan", "kapn": "kapan", "brp": "berapa", "brapa": "berapa", "brpa": "berapa",
    "berapaan": "berapa", "bberapa": "beberapa", "apaan": "apa", "ap": "apa",
    "apasih": "apa", "apsih": "apa", "sapa": "siapa", "spa": "siapa",
    # conjunctions, prepositions, particles
    "yg": "yang", "yng": "yang", "dgn": "dengan", "dg": "dengan", "dngn": "dengan",
    "dr": "dari", "dri": "dari", "pd": "pada", "dlm": "dalam", "dl": "dulu", "dlu": "dulu",
    "utk": "untuk", "untk": "untuk", "tuk": "untuk", "krn": "karena", "krna": "karena",
    "karna": "karena", "soalnya": "karena", "tp": "tetapi", "tpi": "tetapi",
    "tapi": "tetapi", "jd": "jadi", "jdi": "jadi", "klo": "kalau", "kalo": "kalau",
    "kl": "kalau", "klu": "kalau", "kalu": "kalau", "sm": "sama", "ama": "sama",
    "sprti": "seperti", "kyk": "seperti", "kayak": "seperti",
    "kaya": "seperti", "kek": "seperti", "trs": "terus", "trus": "terus", "lg": "lagi",
    "lgi": "lagi", "aja": "saja", "aj": "saja", "ajah": "saja", "doang": "saja",
    "jg": "juga", "jga": "juga", "bgt": "sekali", "banget": "sekali", "bngt": "sekali",
    "atw": "atau", "ato": "atau", "n": "dan", "dn": "dan", "sblm": "sebelum",
    "sblum": "sebelum", "stlh": "setelah", "sesudah": "setelah", "ssdh": "setelah",
    "tsb": "tersebut", "dll": "dan lain lain", "dsb": "dan sebagainya", "smua": "semua",
    "smuanya": "semuanya", "bbrp": "beberapa", "sdikit": "sedikit", "dikit": "sedikit",
    "byk": "banyak", "bnyk": "banyak", "bnyak": "banyak", "sj": "saja", "sja": "saja",
    "ko": "kok", "si": "sih", "donk": "dong",
    "ni": "ini", "tu": "itu", "tuh": "itu", "td": "tadi",
    "tdi": "tadi", "ntar": "nanti", "ntr": "nanti", "nnti": "nanti", "nti": "nanti",
    "ajh": "saja", "pls": "tolong", "plis": "tolong", "please": "tolong", "tlg": "tolong",
    "tlong": "tolong", "tolongin": "tolong", "mhn": "mohon", "mohn": "mohon",
    "makasih": "terima kasih", "mksh": "terima kasih", "mks": "terima kasih",
    "makasi": "terima kasih", "trims": "terima kasih", "trimakasih": "terima kasih",
    "terimakasih": "terima kasih", "thx": "terima kasih", "thanks": "terima kasih",
    "tq": "terima kasih", "ty": "terima kasih", "ok": "oke", "okay": "oke", "okey": "oke",
    "okee": "oke", "sip": "oke", "gpp": "tidak apa", "gapapa": "tidak apa",
    "yaudah": "ya sudah", "ywdh": "ya sudah", "yauda": "ya sudah", "yup": "ya", "yoi": "ya",
    "iya": "ya", "iy": "ya", "y": "ya", "yaa": "ya", "yah": "ya", "he": "", "hehe": "",
    "wkwk": "", "haha": "", "hmm": "", "hm": "", "eh": "", "loh": "", "lho": "",
    # time
    "skrg": "sekarang", "skrng": "sekarang", "skr": "sekarang", "skarang": "sekarang",
    "skg": "sekarang", "bsk": "besok", "besuk": "besok", "kmrn": "kemarin",
    "kemaren": "kemarin", "kmarin": "kemarin", "tgl": "tanggal", "tggl": "tanggal",
    "hr": "hari", "hri": "hari", "mgg": "minggu", "bln": "bulan", "thn": "tahun",
    "th": "tahun", "wkt": "waktu", "wktu": "waktu", "waktunya": "waktu", "sampe": "sampai",
    "smpe": "sampai", "smpai": "sampai", "ampe": "sampai", "lma": "lama", "cpt": "cepat",
    "cepet": "cepat", "lmbt": "lambat", "lemot": "lambat", "lelet": "lambat",
    "wiken": "weekend", "wikend": "weekend", "pagi2": "pagi", "jm": "jam",
    # verbs
    "bs": "bisa", "bsa": "bisa", "bisa2": "bisa", "bikin": "buat", "bkin": "buat",
    "bikinin": "buat", "dpt": "dapat", "dapet": "dapat", "dapetin": "dapat",
    "dpat": "dapat", "ngurus": "urus", "ngurusin": "urus", "urusin": "urus", "nyari": "cari",
    "nyariin": "cari", "cariin": "cari", "nanya": "tanya", "nanyain": "tanya",
    "tanyain": "tanya", "liat": "lihat", "ngeliat": "lihat", "lht": "lihat", "tau": "tahu",
    "tw": "tahu", "taw": "tahu", "ksh": "kasih", "kasi": "kasih", "ngasih": "kasih",
    "cri": "cara", "cra": "cara", "caranya": "cara",
    "kasihin": "kasih", "ngisi": "isi", "ngisiin": "isi", "isiin": "isi", "nunggu": "tunggu",
    "nungguin": "tunggu", "tungguin": "tunggu", "nambah": "tambah", "nambahin": "tambah",
    "tambahin": "tambah", "nulis": "tulis", "ngirim": "kirim", "kirimin": "kirim",
    "ngambil": "ambil", "ambilin": "ambil", "ngantri": "antre", "antri": "antre",
    "antrian": "antrean", "ngecek": "cek", "ngecekin": "cek", "cekin": "cek", "check": "cek",
    "ngeprint": "cetak", "ngeprin": "cetak", "print": "cetak", "printout": "cetak",
    "nyimpen": "simpan", "simpen": "simpan", "nyimpan": "simpan", "ganti2": "ganti",
    "gnti": "ganti", "ngganti": "ganti", "gantiin": "ganti", "rubah": "ubah",
    "ngubah": "ubah", "ngerubah": "ubah", "benerin": "perbaiki", "betulin": "perbaiki",
    "bener": "benar", "bnr": "benar", "pake": "pakai", "make": "pakai", "makai": "pakai",
    "pakek": "pakai", "nyoba": "coba", "cobain": "coba", "nyobain": "coba", "lpa": "lupa",
    "lupain": "lupa", "bantuin": "bantu", "ngebantu": "bantu", "bntu": "bantu",
    "ngelapor": "lapor", "laporin": "lapor", "ngelaporin": "lapor", "daftarin": "daftar",
    "dftr": "daftar", "daftr": "daftar", "mendaptar": "mendaftar", "ngedaftar": "daftar",
    "ngajuin": "aju", "ajuin": "aju", "ngajuan": "aju", "mo": "mau", "mw": "mau", "mao": "mau",
    "pengen": "ingin", "pgn": "ingin", "pingin": "ingin", "pengin": "ingin", "ingn": "ingin",
    "butuh2": "butuh", "btuh": "butuh", "perlu2": "perlu", "prlu": "perlu", "hrs": "harus",
    "hrus": "harus", "musti": "harus", "mesti": "harus", "kudu": "harus", "blh": "boleh",
    "blah": "boleh", "gabole": "tidak boleh", "ngerti": "mengerti", "paham": "mengerti",
    "nyampe": "sampai", "nyampai": "sampai", "dateng": "datang", "dtg": "datang",
    "balikin": "kembali", "balik": "kembali", "bales": "balas", "blas": "balas",
    "jawab2": "jawab", "dijwb": "dijawab", "jwb": "jawab", "ilang": "hilang",
    "ngilang": "hilang", "lenyap": "hilang", "abis": "habis", "hbs": "habis",
    "kelar": "selesai", "slsai": "selesai", "beres": "selesai",
    "nyala": "menyala", "mati2": "mati", "kebuka": "terbuka", "kebuka2": "terbuka",
    "ketutup": "tertutup", "kepencet": "tertekan", "ngeblank": "kosong", "ngehang": "hang",
    "nge-hang": "hang", "ngelag": "lambat", "lag": "lambat", "ngadat": "macet",
    "eror": "error", "erorr": "error", "err": "error", "erro": "error", "galat": "error",
    "rusak2": "rusak", "bermasalah2": "bermasalah",
    # things and places
    "kntr": "kantor", "kantr": "kantor", "knt": "kantor", "kab": "kabupaten",
    "kabu": "kabupaten", "kbptn": "kabupaten", "kec": "kecamatan", "kel": "kelurahan",
    "kelu": "kelurahan", "prov": "provinsi", "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota", "pemda": "pemerintah daerah", "pemprov": "pemerintah provinsi",
    "akte": "akta", "capil": "dukcapil", "sklh": "sekolah", "skolah": "sekolah",
    "no": "nomor", "nmr": "nomor", "nomer": "nomor", "hp": "ponsel", "handphone": "ponsel",
    "henpon": "ponsel", "hape": "ponsel", "ponsel2": "ponsel", "wa": "whatsapp",
    "whatsap": "whatsapp", "watsap": "whatsapp", "tele": "telegram", "tg": "telegram",
    "email2": "email", "imel": "email", "emel": "email", "surel": "email", "e-mail": "email",
    "pw": "password", "pwd": "password", "pass": "password", "passwd": "password",
    "paswot": "password", "pasword": "password", "passwrd": "password",
    "katasandi": "password", "sandi": "password", "user": "pengguna", "usr": "pengguna",
    "uname": "username", "akun2": "akun", "acc": "akun",
    "account": "akun", "apk": "aplikasi", "app": "aplikasi", "apps": "aplikasi",
    "aplikasinya": "aplikasi", "web": "situs", "website": "situs", "websitenya": "situs",
    "situsnya": "situs", "link": "tautan", "linknya": "tautan", "url": "tautan",
    "lnk": "tautan", "leptop": "laptop", "laptopnya": "laptop", "komp": "komputer",
    "kompi": "komputer", "printernya": "printer", "pinter": "printer", "inet": "internet",
    "inetnya": "internet", "koneksi": "jaringan", "konek": "terhubung",
    "connect": "terhubung", "nyambung": "terhubung", "wifinya": "wifi", "wi-fi": "wifi",
    "download": "unduh", "donlot": "unduh", "donload": "unduh", "downlod": "unduh",
    "upload": "unggah", "aplod": "unggah", "uplod": "unggah", "apdet": "update",
    "updet": "update", "updt": "update", "risit": "reset", "rst": "reset",
    "dok": "dokumen", "dokumn": "dokumen", "dokumennya": "dokumen", "brkas": "berkas",
    "form": "formulir", "formnya": "formulir", "formulirnya": "formulir", "syrt": "syarat",
    "syratnya": "syarat", "prsyaratan": "persyaratan", "info": "informasi",
    "infonya": "informasi", "inpo": "informasi", "infokan": "informasikan",
    "jdwl": "jadwal", "jadwalnya": "jadwal", "jdwal": "jadwal", "krtu": "kartu",
    "kartunya": "kartu", "sertif": "sertifikat", "srtifikat": "sertifikat",
    "ijin": "izin", "ijinnya": "izin", "ortu": "orang tua",
    "org": "orang", "orng": "orang", "anak2": "anak", "istri2": "istri", "bini": "istri",
    "duit": "uang",
    "free": "gratis", "bayar2": "bayar", "byr": "bayar",
    "tf": "transfer", "trf": "transfer", "rek": "rekening", "norek": "nomor rekening",
    "saldo2": "saldo", "pulsa2": "pulsa", "online2": "online", "onlen": "online",
    "daring": "online", "luring": "offline", "ofline": "offline", "olshop": "toko online",
}

# Multi-word expressions collapsed to one canonical token after slang replacement, so that a
# question written with the acronym and a message written out in full (or the reverse) meet.
PHRASES: dict[tuple[str, ...], str] = {
    ("kartu", "keluarga"): "kk",
    ("kartu", "tanda", "penduduk"): "ktp",
    ("nomor", "induk", "kependudukan"): "nik",
    ("nomor", "induk", "berusaha"): "nib",
    ("nomor", "pokok", "wajib", "pajak"): "npwp",
    ("surat", "izin", "mengemudi"): "sim",
    ("surat", "keterangan", "catatan", "kepolisian"): "skck",
    ("kartu", "identitas", "anak"): "kia",
    ("kartu", "kuning"): "ak1",
    ("kartu", "pencari", "kerja"): "ak1",
    ("online", "single", "submission"): "oss",
    ("mal", "pelayanan", "publik"): "mpp",
    ("kantor", "pelayanan", "pajak"): "kpp",
    ("pajak", "bumi", "bangunan"): "pbb",
    ("persetujuan", "bangunan", "gedung"): "pbg",
    ("izin", "mendirikan", "bangunan"): "imb",
    ("sertifikat", "laik", "fungsi"): "slf",
    ("laporan", "kegiatan", "penanaman", "modal"): "lkpm",
    ("aparatur", "sipil", "negara"): "asn",
    ("pegawai", "negeri", "sipil"): "pns",
    ("single", "sign", "on"): "sso",
    ("virtual", "private", "network"): "vpn",
    ("kata", "password"): "password",
    ("tata", "cara"): "cara",
    ("dinas", "sosial"): "dinsos",
    ("dinas", "kesehatan"): "dinkes",
    ("dinas", "pendidikan"): "disdik",
    ("dinas", "perhubungan"): "dishub",
    ("dinas", "lingkungan", "hidup"): "dlh",
    ("dinas", "kependudukan", "dan", "pencatatan", "sipil"): "disdukcapil",
    ("kependudukan", "dan", "pencatatan", "sipil"): "dukcapil",
    ("badan", "kepegawaian", "negara"): "bkn",
    ("badan", "kepegawaian", "daerah"): "bkd",
    ("kantor", "urusan", "agama"): "kua",
    ("kementerian", "agama"): "kemenag",
    ("pengadilan", "negeri"): "pn",
    ("pengadilan", "agama"): "pa",
    ("rumah", "sakit", "umum", "daerah"): "rsud",
    ("perangkat", "daerah"): "opd",
    ("organisasi", "perangkat", "daerah"): "opd",
    ("kata", "kunci"): "password",
    ("nama", "pengguna"): "username",
    ("di", "mana"): "dimana",
    ("ke", "mana"): "kemana",
    ("akhir", "pekan"): "weekend",
    ("hari", "libur"): "libur",
    ("tanggal", "merah"): "libur",
    ("e", "mail"): "email",
    ("wi", "fi"): "wifi",
    ("log", "in"): "login",
    ("sign", "in"): "login",
    ("log", "out"): "logout",
    ("on", "line"): "online",
}

# Words that carry no topic. Question words and negation are kept on purpose: "berapa lama"
# and "bagaimana cara" separate sibling FAQ entries, "tidak bisa" separates a fault from a
# how-to question.
STOPWORDS: frozenset[str] = frozenset(
    [
        "yang", "di", "ke", "dari", "dan", "atau", "ini", "itu", "untuk", "dengan", "pada",
        "juga", "saja", "sih", "dong", "deh", "kok", "ya", "nih", "kan", "lah", "kah",
        "pun", "tah", "nya", "adalah", "ialah", "merupakan", "akan", "telah", "sedang", "oleh",
        "agar", "supaya", "bahwa", "karena", "jika", "kalau", "maka", "namun", "tetapi",
        "sehingga", "lalu", "kemudian", "serta", "para", "sang", "si", "saya", "kamu", "anda",
        "kami", "kita", "mereka", "dia", "beliau", "admin", "bapak", "ibu", "mbak", "mas",
        "kakak", "abang", "juragan", "saudara", "sobat", "tolong", "mohon", "terima", "kasih",
        "halo", "hai", "hello", "hi", "selamat", "pagi", "siang", "sore", "malam", "permisi",
        "maaf", "salam", "assalamualaikum", "oke", "mau", "ingin", "punya", "sebuah", "suatu",
        "seorang", "tersebut", "sudah", "belum", "masih", "sangat", "sekali", "banget", "agak",
        "cukup", "lebih", "paling", "terlalu", "sama", "seperti", "terus", "lagi", "dulu",
        "nanti", "tadi", "kalian", "aja", "hal", "nah", "wah", "wow", "tanya", "bertanya",
        "pertanyaan", "informasi", "info", "minta", "meminta", "apakah", "bagaimanakah", "kakak",
        "dear", "sekarang",
    ]
)

# Roots that begin with m, n or ny themselves, so a nasal prefix is simply dropped
# ("meminta" -> "minta", "pernikahan" -> "nikah") instead of restoring p or t.
NASAL_ROOTS: frozenset[str] = frozenset(
    [
        "minta", "mohon", "makan", "main", "masuk", "mulai", "milik", "muat", "mati", "malu",
        "marah", "mandi", "mandiri", "nikah", "nilai", "nanti", "nyata", "nyala", "nama",
        "nasihat", "nomor", "nyaman", "mutasi", "monitor", "migrasi", "mesin", "menang",
    ]
)

# Roots beginning with k whose k disappears under meng-/peng- ("mengirim" -> "kirim").
K_ROOTS: frozenset[str] = frozenset(
    [
        "kirim", "kunjung", "kelola", "kembali", "kenal", "kerja", "kumpul", "kuasa", "ketik",
        "kurang", "kontrol", "konfirmasi", "kunci", "kosong", "komentar", "koreksi", "keluh",
        "kabar", "kutip", "kaji", "kembang",
    ]
)

# Roots beginning with s or c that take meny-/peny- ("menyimpan" -> "simpan").
S_ROOTS: frozenset[str] = frozenset(
    [
        "simpan", "sampai", "sambung", "sedia", "selesai", "serah", "sesuai", "setuju", "sewa",
        "siap", "sebar", "susun", "surat", "sampah", "salin", "sakit", "sembunyi", "sentuh",
        "sampaikan",
    ]
)

C_ROOTS: frozenset[str] = frozenset(
    ["cetak", "cari", "cek", "catat", "coba", "cocok", "cabut", "cair"]
)

# Words that look affixed but are roots: stripping would merge them with unrelated words.
STEM_EXCEPTIONS: frozenset[str] = frozenset(
    [
        "berapa", "beberapa", "berkas", "bersih", "berita", "beranda", "berat", "beras",
        "bersama", "bertiga", "bersedia", "dimana", "dinas", "digital", "diri", "dinsos",
        "disdukcapil", "diskon", "dingin", "dini", "direktur", "direksi", "disiplin", "distrik",
        "divisi", "diagram", "diare", "dia", "dialog", "diam", "penting", "pensiun", "pendek",
        "pena", "pentas", "perlu", "pernah", "persen", "pergi", "peta", "pesan", "pesta", "pelan",
        "pedas", "peduli", "pekan", "pemilu", "perak", "periode", "permisi", "pelangi", "perdana",
        "persis", "petang", "pesawat", "menteri", "mental", "mentah", "menu", "menit", "mesin",
        "meja", "merah", "meter", "media", "medis", "memo", "terima", "terus", "tertib", "teras",
        "terang", "ternak", "termin", "terminal", "teruna", "kenapa", "keluar", "keluarga",
        "kemana", "kemarin", "kedua", "ketua", "kelas", "kereta", "kertas", "kecil", "kelompok",
        "kabupaten", "kamu", "kami", "kantor", "ikan", "bukan", "makan", "jalan", "bulan",
        "taman", "depan", "tahun", "saran", "pesan", "lapan", "tekan", "pekan", "ladan",
    ]
)

# Words ending in -in that are not the Jakarta-style -in suffix.
IN_SUFFIX_EXCEPTIONS: frozenset[str] = frozenset(
    [
        "ingin", "mungkin", "yakin", "bikin", "kemarin", "lain", "main", "mesin", "cermin",
        "angin", "dingin", "miskin", "kawin", "makin", "semakin", "izin", "ijin", "rutin",
        "batin", "lilin", "kain", "jamin", "amin", "latin", "admin", "login", "domain", "plugin",
        "margin", "bensin", "vaksin", "protein", "vitamin", "insulin", "kafein", "satin", "yasin",
        "mandarin",
    ]
)

# Words that frame a question rather than name its topic: how, when, requirements, process,
# duration, opening hours, meaning, purpose. Every FAQ uses them, so in a small knowledge
# base they look rarer than they are; the matcher weighs them down so that the service or
# document a message names decides the match, and the frame only separates siblings.
FRAME_WORDS: frozenset[str] = frozenset(
    [
        "apa", "apakah", "bagaimana", "kapan", "dimana", "kemana", "berapa", "kenapa", "siapa",
        "mana", "cara", "syarat", "persyaratan", "proses", "prosedur", "alur", "langkah", "tahap",
        "mekanisme", "lama", "waktu", "jam", "buka", "tutup", "jadwal", "operasional", "biaya",
        "tarif", "harga", "gratis", "bayar", "arti", "maksud", "singkatan", "kepanjangan",
        "fungsi", "guna", "kegunaan", "manfaat", "penting", "tujuan", "peran", "buat", "membuat",
        "bikin", "urus", "mengurus", "daftar", "mendaftar", "ajukan", "pengajuan", "dokumen",
        "berkas", "lengkap", "baru", "online", "offline", "resmi", "layanan", "pelayanan",
        "kantor", "lokasi", "tempat", "alamat", "kontak", "hubungi", "nomor", "cepat", "terbaru",
        "butuh", "perlu", "harus", "bisa", "dapat", "boleh", "ada", "tidak", "jadi", "hari",
        "minggu", "bulan", "tahun", "kalau",
    ]
)
