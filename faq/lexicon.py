"""Word lists for informal Indonesian as typed into a service-desk chat.

The lists are data, kept apart from the rules in `faq.normalize` so they can grow without
touching code. They were written for Sigap from common chat usage; they are deliberately
small and general (no entry names a particular FAQ), because the matcher must work on
knowledge it has never seen. Lists are plain text read by `_words` and `_table`, so adding a
word is adding it to the text.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated text."""
    return frozenset(text.split())


def _table(text: str) -> dict[str, str]:
    """Read lines of "standard <- variant variant ..."; a standard of "-" drops the word."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        standard, variants = (part.strip() for part in line.split("<-"))
        for variant in variants.split():
            table[variant] = "" if standard == "-" else standard
    return table


# Service and agency acronyms. Slang rules never touch them and the stemmer leaves them
# whole: generic slang lists turn "kk" into "kakak", but here KK is the Kartu Keluarga.
PROTECTED_ACRONYMS = _words(
    """
    kk ktp ektp nik kia akta npwp nib npp nip nuptk nisn nrp sim stnk bpkb skck skd sktm
    bpjs jkn kis kip pkh bst blt bansos dtks simpeg sapk siasn mysapk bkn bkd bkpsdm asn pns
    pppk cpns tpp tukin spt sptjm sppt pbb bphtb pdam pln samsat kpp djp oss lkpm imb pbg
    slf itr kkpr rdtr amdal ukl upl sppl siup tdp situ ho sku skdu umkm ukm iumk npwpd pad
    disdukcapil dukcapil dinsos dinkes disdik dishub bappeda bappenda bapenda dpmptsp ptsp
    mpp pupr dlh kemenag kua polres polsek polda kejari pn pa bpn atr kemenkumham ahu taspen
    asabri bri bni btn bsi spbe sso vpn lan wan wifi ip dns dhcp smtp imap pop ldap ad otp
    pin puk sms cctv ups pc cpu ram ssd hdd usb os pdf ak1 ak5 nkri sk skp sotk opd rsud
    puskesmas sekda setda kominfo diskominfo tik it ti helpdesk lpse sirup
    """
)

# Informal spellings, abbreviations and slang: on each line a standard form and the ways
# people write it. A standard form may be two words ("tidak bisa"); variants are lower-case
# and already de-stretched.
SLANG = _table(
    """
    # negation and its fused forms
    tidak <- g ga gak gk gag ngga nggak nggk ngak enggak engga ndak nda kagak tdk tak tdak kaga
    tidak ada <- gaada gada gakada tdkada
    tidak bisa <- gabisa gbs gakbisa gabs gabisa2
    tidak tahu <- gatau gatw gktau
    tidak mau <- gamau gmau
    tidak pernah <- gapernah gakpernah
    tidak jadi <- gajadi
    tidak masuk <- gamasuk gakmasuk
    belum <- blm blom belom blum lom
    bukan <- bukn
    # done, already, still
    sudah <- udh udah sdh dah udhan sudh uda
    masih <- msh masi masih2
    # pronouns and forms of address
    saya <- sy sya aku aq gue gw gua ane ak
    kamu <- km kmu lu lo loe elu u kalian
    kita <- kt qta
    admin <- mimin min adm
    bapak <- bpk pak bp
    ibu <- bu
    mbak <- mba
    kakak <- kak kaka
    juragan <- gan
    saudara <- bro sis
    abang <- bang
    dia <- doi dy dya
    yang bersangkutan <- ybs
    # question words
    bagaimana <- gmn gmna gmana gimana gimane bgmn bgmna bgaimana bagaimna gmnkah gmn2
    dimana <- dmn dmna dimn dimane
    kemana <- kmn kmana
    kenapa <- knp knpa knapa napa ngapa mengapa
    kapan <- kpn kapn
    berapa <- brp brapa brpa berapaan
    beberapa <- bberapa bbrp
    apa <- apaan ap apasih apsih
    siapa <- sapa spa
    # conjunctions, prepositions, particles
    yang <- yg yng
    dengan <- dgn dg dngn
    dari <- dr dri
    pada <- pd
    dalam <- dlm
    dulu <- dl dlu
    untuk <- utk untk tuk
    karena <- krn krna karna soalnya
    tetapi <- tp tpi tapi
    jadi <- jd jdi
    kalau <- klo kalo kl klu kalu
    sama <- sm ama
    seperti <- sprti kyk kayak kaya kek
    terus <- trs trus
    lagi <- lg lgi
    saja <- aja aj ajah doang sj sja ajh
    juga <- jg jga
    sekali <- bgt banget bngt
    atau <- atw ato
    dan <- n dn
    sebelum <- sblm sblum
    setelah <- stlh sesudah ssdh
    tersebut <- tsb
    dan lain lain <- dll
    dan sebagainya <- dsb
    semua <- smua
    semuanya <- smuanya
    sedikit <- sdikit dikit
    banyak <- byk bnyk bnyak
    kok <- ko
    sih <- si
    dong <- donk
    ini <- ni
    itu <- tu tuh
    tadi <- td tdi
    nanti <- ntar ntr nnti nti
    tolong <- pls plis please tlg tlong tolongin
    mohon <- mhn mohn
    terima kasih <- makasih mksh mks makasi trims trimakasih terimakasih thx thanks tq ty
    oke <- ok okay okey okee sip
    tidak apa <- gpp gapapa
    ya sudah <- yaudah ywdh yauda
    ya <- yup yoi iya iy y yaa yah
    - <- he hehe wkwk haha hmm hm eh loh lho
    # time
    sekarang <- skrg skrng skr skarang skg
    besok <- bsk besuk
    kemarin <- kmrn kemaren kmarin
    tanggal <- tgl tggl
    hari <- hr hri
    minggu <- mgg
    bulan <- bln
    tahun <- thn th
    waktu <- wkt wktu waktunya
    sampai <- sampe smpe smpai ampe nyampe nyampai
    lama <- lma
    cepat <- cpt cepet
    lambat <- lmbt lemot lelet ngelag lag
    weekend <- wiken wikend
    pagi <- pagi2
    jam <- jm
    # verbs
    bisa <- bs bsa bisa2
    buat <- bikin bkin bikinin
    dapat <- dpt dapet dapetin dpat
    urus <- ngurus ngurusin urusin
    cari <- nyari nyariin cariin
    tanya <- nanya nanyain tanyain
    lihat <- liat ngeliat lht
    tahu <- tau tw taw
    kasih <- ksh kasi ngasih kasihin
    cara <- cri cra caranya
    isi <- ngisi ngisiin isiin
    tunggu <- nunggu nungguin tungguin
    tambah <- nambah nambahin tambahin
    tulis <- nulis
    kirim <- ngirim kirimin
    ambil <- ngambil ambilin
    antre <- ngantri antri
    antrean <- antrian
    cek <- ngecek ngecekin cekin check
    cetak <- ngeprint ngeprin print printout
    simpan <- nyimpen simpen nyimpan
    ganti <- ganti2 gnti ngganti gantiin
    ubah <- rubah ngubah ngerubah
    perbaiki <- benerin betulin
    benar <- bener bnr
    pakai <- pake make makai pakek
    coba <- nyoba cobain nyobain
    lupa <- lpa lupain
    bantu <- bantuin ngebantu bntu
    lapor <- ngelapor laporin ngelaporin
    daftar <- daftarin dftr daftr ngedaftar
    mendaftar <- mendaptar
    aju <- ngajuin ajuin ngajuan
    mau <- mo mw mao
    ingin <- pengen pgn pingin pengin ingn
    butuh <- butuh2 btuh
    perlu <- perlu2 prlu
    harus <- hrs hrus musti mesti kudu
    boleh <- blh blah
    tidak boleh <- gabole
    mengerti <- ngerti paham
    datang <- dateng dtg
    kembali <- balikin balik
    balas <- bales blas
    jawab <- jawab2 jwb
    dijawab <- dijwb
    hilang <- ilang ngilang lenyap
    habis <- abis hbs
    selesai <- kelar slsai beres
    menyala <- nyala
    mati <- mati2
    terbuka <- kebuka kebuka2
    tertutup <- ketutup
    tertekan <- kepencet
    kosong <- ngeblank
    hang <- ngehang nge-hang
    macet <- ngadat
    error <- eror erorr err erro galat
    rusak <- rusak2
    bermasalah <- bermasalah2
    # things and places
    kantor <- kntr kantr knt
    kabupaten <- kab kabu kbptn
    kecamatan <- kec
    kelurahan <- kel kelu
    provinsi <- prov
    pemerintah kabupaten <- pemkab
    pemerintah kota <- pemkot
    pemerintah daerah <- pemda
    pemerintah provinsi <- pemprov
    akta <- akte
    dukcapil <- capil
    sekolah <- sklh skolah
    nomor <- no nmr nomer
    ponsel <- hp handphone henpon hape ponsel2
    whatsapp <- wa whatsap watsap
    telegram <- tele tg
    email <- email2 imel emel surel e-mail
    password <- pw pwd pass passwd paswot pasword passwrd katasandi sandi
    pengguna <- user usr
    username <- uname
    akun <- akun2 acc account
    aplikasi <- apk app apps aplikasinya
    situs <- web website websitenya situsnya
    tautan <- link linknya url lnk
    laptop <- leptop laptopnya
    komputer <- komp kompi
    printer <- printernya pinter
    internet <- inet inetnya
    jaringan <- koneksi
    terhubung <- konek connect nyambung
    wifi <- wifinya wi-fi
    unduh <- download donlot donload downlod
    unggah <- upload aplod uplod
    update <- apdet updet updt
    reset <- risit rst
    dokumen <- dok dokumn dokumennya
    berkas <- brkas
    formulir <- form formnya formulirnya
    syarat <- syrt syratnya
    persyaratan <- prsyaratan
    informasi <- info infonya inpo
    informasikan <- infokan
    jadwal <- jdwl jadwalnya jdwal
    kartu <- krtu kartunya
    sertifikat <- sertif srtifikat
    izin <- ijin ijinnya
    orang tua <- ortu
    orang <- org orng
    anak <- anak2
    istri <- istri2 bini
    uang <- duit
    gratis <- free
    bayar <- bayar2 byr
    transfer <- tf trf
    rekening <- rek
    nomor rekening <- norek
    saldo <- saldo2
    pulsa <- pulsa2
    online <- online2 onlen daring
    offline <- luring ofline
    toko online <- olshop
    """
)

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
STOPWORDS = _words(
    """
    yang di ke dari dan atau ini itu untuk dengan pada juga saja sih dong deh kok ya nih kan
    lah kah pun tah nya adalah ialah merupakan akan telah sedang oleh agar supaya bahwa
    karena jika kalau maka namun tetapi sehingga lalu kemudian serta para sang si saya kamu
    anda kami kita mereka dia beliau admin bapak ibu mbak mas kakak abang juragan saudara
    sobat tolong mohon terima kasih halo hai hello hi selamat pagi siang sore malam permisi
    maaf salam assalamualaikum oke mau ingin punya sebuah suatu seorang tersebut sudah belum
    masih sangat sekali banget agak cukup lebih paling terlalu sama seperti terus lagi dulu
    nanti tadi kalian aja hal nah wah wow tanya bertanya pertanyaan informasi info minta
    meminta apakah bagaimanakah kakak dear sekarang
    """
)

# Roots that begin with m, n or ny themselves, so a nasal prefix is simply dropped
# ("meminta" -> "minta", "pernikahan" -> "nikah") instead of restoring p or t.
NASAL_ROOTS = _words(
    """
    minta mohon makan main masuk mulai milik muat mati malu marah mandi mandiri nikah nilai
    nanti nyata nyala nama nasihat nomor nyaman ngeri ngilu nyawa nyanyi nyonya mutasi
    monitor migrasi mesin menang
    """
)

# Roots beginning with k whose k disappears under meng-/peng- ("mengirim" -> "kirim").
K_ROOTS = _words(
    """
    kirim kunjung kelola kembali kenal kerja kumpul kuasa ketik kurang kontrol konfirmasi
    kunci kosong komentar koreksi keluh kabar kutip kaji kembang
    """
)

# Roots beginning with s that take meny-/peny- ("menyimpan" -> "simpan").
S_ROOTS = _words(
    """
    simpan sampai sambung sedia selesai serah sesuai setuju sewa siap sebar susun surat
    sampah salin sakit sembunyi sentuh sampaikan
    """
)

# Roots beginning with c that take meny-/peny- ("menyari" -> "cari").
C_ROOTS = _words(
    """
    cetak cari cek catat coba cocok cabut cair
    """
)

# Words that look affixed but are roots: stripping would merge them with unrelated words.
STEM_EXCEPTIONS = _words(
    """
    simpan nyaman tampan sopan perempuan
    berapa beberapa berkas bersih berita beranda berat beras bersama bertiga bersedia dimana
    dinas digital diri dinsos disdukcapil diskon dingin dini direktur direksi disiplin
    distrik divisi diagram diare dia dialog diam penting pensiun pendek pena pentas perlu
    pernah persen pergi peta pesan pesta pelan pedas peduli pekan pemilu perak periode
    permisi pelangi perdana persis petang pesawat menteri mental mentah menu menit mesin
    meja merah meter media medis memo terima terus tertib teras terang ternak termin
    terminal teruna kenapa keluar keluarga kemana kemarin kedua ketua kelas kereta kertas
    kecil kelompok kabupaten kamu kami kantor ikan bukan makan jalan bulan taman depan tahun
    saran pesan lapan tekan pekan ladan
    """
)

# Words ending in -in that are not the Jakarta-style -in suffix.
IN_SUFFIX_EXCEPTIONS = _words(
    """
    ingin mungkin yakin bikin kemarin lain main mesin cermin angin dingin miskin kawin makin
    semakin izin ijin rutin batin lilin kain jamin amin latin admin login domain plugin
    margin bensin vaksin protein vitamin insulin kafein satin yasin mandarin
    """
)

# Roots ending in what looks like a particle (-lah, -kah, -pun): "masalah", "nikah".
PARTICLE_ROOTS = _words(
    """
    masalah sekolah salah kalah lelah telah jumlah istilah celah belah pilah olah ulah
    sedekah langkah nikah ampun himpun rumpun
    """
)

# Roots ending in -i after a consonant, kept whole after a prefix: "mengganti" -> "ganti".
I_ROOTS = _words(
    """
    bunyi diri ganti hari janji kendali kunci mandi nanti tinggi
    """
)

# Words that frame a question rather than name its topic: how, when, requirements, process,
# duration, opening hours, meaning, purpose. Every FAQ uses them, so in a small knowledge
# base they look rarer than they are; the matcher weighs them down so that the service or
# document a message names decides the match, and the frame only separates siblings.
FRAME_WORDS = _words(
    """
    apa apakah bagaimana kapan dimana kemana berapa kenapa siapa mana cara syarat
    persyaratan proses prosedur alur langkah tahap mekanisme lama waktu jam buka tutup
    jadwal operasional biaya tarif harga gratis bayar arti maksud singkatan kepanjangan
    fungsi guna kegunaan manfaat penting tujuan peran buat membuat bikin urus mengurus
    daftar mendaftar ajukan pengajuan dokumen berkas lengkap baru online offline resmi
    layanan pelayanan kantor lokasi tempat alamat kontak hubungi nomor cepat terbaru butuh
    perlu harus bisa dapat boleh ada tidak jadi hari minggu bulan tahun kalau
    """
)
