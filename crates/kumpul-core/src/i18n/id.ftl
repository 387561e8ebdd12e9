# kumpul — pesan dalam Bahasa Indonesia.
# Setiap pesan di sini harus ada juga di en.ftl dengan variabel yang sama (diperiksa oleh tes).
# Pesan berupa teks biasa: tanpa Markdown. Penekanan dan kode berasal dari variabel.

## Bantuan perintah (untuk `help`, slash command Discord, bantuan Matrix).
## Discord membatasi deskripsi hingga 100 karakter.

cmd-help = Tampilkan apa saja yang bisa dilakukan kumpul, atau jelaskan satu perintah
opt-help-command = Perintah yang ingin dijelaskan (kosongkan untuk melihat ringkasannya)
cmd-group = Grup minat: gabung ke grup yang kamu minati dan ikut dipanggil saat grupnya dipanggil
cmd-group-create = Buat grup minat (kamu menjadi pemilik dan anggota pertamanya)
opt-group-create-name = Nama grup, 2–50 karakter; pakai tanda kutip untuk beberapa kata
opt-group-create-description = Tentang apa grup ini (maksimal 300 karakter)
opt-group-create-tags = Tag untuk menemukannya, dipisah koma, mis. alam,akhir-pekan
cmd-group-edit = Ubah nama, deskripsi, atau tag grup (pemilik atau moderator)
opt-group-edit-name = Grup yang ingin diubah
opt-group-edit-rename = Nama baru untuk grup
opt-group-edit-description = Deskripsi baru ("" untuk menghapusnya)
opt-group-edit-tags = Tag baru, dipisah koma; menggantikan tag lama
cmd-group-delete = Hapus grup beserta daftar anggotanya (pemilik atau moderator)
opt-group-delete-name = Grup yang ingin dihapus
cmd-group-join = Gabung ke grup agar kamu ikut dipanggil setiap kali grup itu dipanggil
opt-group-join-name = Grup yang ingin kamu ikuti
cmd-group-leave = Keluar dari grup; kamu tidak akan dipanggil lagi bersama grup itu
opt-group-leave-name = Grup yang ingin kamu tinggalkan
cmd-group-list = Daftar grup di ruang ini, dari yang terbesar
opt-group-list-tag = Hanya grup dengan tag ini
opt-group-list-page = Halaman daftar yang ditampilkan (10 per halaman)
cmd-group-info = Tampilkan deskripsi, tag, pemilik, dan jumlah anggota grup
opt-group-info-name = Grup yang ingin ditampilkan
cmd-group-members = Daftar anggota grup (tanpa memanggil mereka)
opt-group-members-name = Grup yang anggotanya ingin ditampilkan
opt-group-members-page = Halaman daftar yang ditampilkan (50 per halaman)
cmd-group-mine = Daftar grup yang kamu ikuti
opt-group-mine-page = Halaman daftar yang ditampilkan (10 per halaman)
cmd-group-ping = Panggil anggota grup dengan sebuah pesan (anggota dan moderator; ada jeda antarpanggilan)
opt-group-ping-name = Grup yang ingin dipanggil
opt-group-ping-message = Apa yang ingin kamu sampaikan
cmd-settings = Pengaturan ruang ini
cmd-settings-show = Tampilkan pengaturan ruang ini
cmd-settings-language = Atur bahasa yang dipakai kumpul di ruang ini
opt-settings-language-language = en untuk bahasa Inggris, id untuk Bahasa Indonesia

## Kata pilihan seperti yang ditampilkan Discord (nilai yang dikirim tetap katanya).
choice-single = tunggal
choice-multiple = ganda
choice-approval = persetujuan
choice-score = skor
choice-ranked = peringkat
choice-consent = mufakat
choice-time = waktu
choice-live = langsung
choice-after-vote = setelah-memilih
choice-after-close = setelah-ditutup
choice-public = publik
choice-private = privat
choice-secret = rahasia
choice-no-block = tanpa-keberatan
choice-majority = mayoritas
choice-going = hadir
choice-maybe = mungkin
choice-no = tidak
choice-open = terbuka
choice-planned = direncanakan
choice-done = selesai
choice-declined = ditolak
choice-en = English
choice-id = Bahasa Indonesia

## help

help-title = kumpul — apa yang bisa kamu lakukan
help-intro = Ketik perintah seperti yang ditunjukkan: kata dalam <kurung sudut> wajib diisi, kata dalam [kurung siku] boleh dilewati, dan nilai yang mengandung spasi diapit tanda kutip.
help-more = Untuk perintah-perintah satu fitur, masing-masing dengan contoh, ketik { $command }.
help-more-command = Untuk semua yang bisa diatur pada satu perintah, ketik { $command }.
help-moderators-only = khusus moderator
help-admins-only = khusus admin
help-permission = { $role ->
    [admin] Hanya admin ruang ini yang bisa memakai perintah ini.
   *[moderator] Hanya moderator ruang ini yang bisa memakai perintah ini.
}
help-required = wajib
help-example = mis. { $example }
help-example-line = Contoh: { $example }
help-feature-groups = Grup minat
help-feature-events = Acara
help-feature-polls = Polling dan keputusan
help-feature-ideas = Papan ide
help-feature-threads = Utas diskusi
help-feature-reminders = Pengingat
help-feature-timezone = Zona waktumu
help-feature-space = Ruang ini

## Contoh di bantuan: kata-kata contoh yang bukan kata perintah (kata perintah diambil
## dari katalog, dalam bahasa pembaca).
example-group-name = pendaki
example-group-create = Jalan kaki akhir pekan di perbukitan
example-group-tags = alam,akhir-pekan
example-group-tag = alam
example-group-edit = Jalan kaki setiap Sabtu pagi
example-group-ping = Kumpul di stasiun jam 7 ya
example-poll-create = Makan siang hari Jumat? | bakso | soto | mi ayam
example-poll-closes = jumat 18.00
example-event-create = jumat 19.00 Nonton bareng
example-event-place = Kedai Kopi Senja
example-event-edit-when = sabtu 19.00
example-idea-add = Piknik di taman kota
example-idea-status = Tamannya sudah dipesan untuk bulan Mei
example-thread-start = Rencana jalan-jalan akhir tahun
example-remind-me = besok jam 7 malam telepon ibu
example-remind-group = jumat 18.00 Bawa air minum dan jas hujan
example-settings-moderators = @Panitia
example-settings-reminders = 1 hari, 1 jam

## Memahami perintah

parse-empty = Ketik { $help } untuk melihat apa yang bisa saya lakukan.
parse-unclosed-quote = Ada tanda kutip yang belum ditutup. Tambahkan " di akhir teks yang dikutip.
parse-unknown-command = Saya tidak mengenal perintah { $word }. Ketik { $help } untuk melihat semua perintah.
parse-unknown-command-suggest = { $count ->
    [1] Saya tidak mengenal perintah { $word }. Maksudmu { $first }?
    [2] Saya tidak mengenal perintah { $word }. Maksudmu { $first } atau { $second }?
   *[other] Saya tidak mengenal perintah { $word }. Maksudmu { $first }, { $second }, atau { $third }?
}
parse-missing-subcommand = { $command } perlu satu kata lagi. Ketik seperti ini: { $usage }
parse-unknown-subcommand = { $count ->
    [0] Saya tidak mengenal { $word } sesudah { $command }. Ketik seperti ini: { $usage }
    [1] Saya tidak mengenal { $word } sesudah { $command }. Maksudmu { $first }? Cara pakai: { $usage }
    [2] Saya tidak mengenal { $word } sesudah { $command }. Maksudmu { $first } atau { $second }? Cara pakai: { $usage }
   *[other] Saya tidak mengenal { $word } sesudah { $command }. Maksudmu { $first }, { $second }, atau { $third }? Cara pakai: { $usage }
}
parse-missing-argument = Bagian { $option } belum diisi. Ketik seperti ini: { $usage }
parse-time-cut-short = { $option } terbaca sebagai { $time }, tetapi { $rest } sesudahnya tampak seperti bagian dari waktunya, jadi belum ada yang disimpan. Tulis seluruh waktunya di dalam tanda kutip, mis. { $example }
parse-too-many-arguments = Saya tidak tahu harus diapakan { $extra }. Beri tanda kutip pada teks yang mengandung spasi. Ketik seperti ini: { $usage }
parse-unknown-option = { $count ->
    [0] { $command } tidak punya opsi yang diawali --, jadi saya tidak tahu maksud { $flag }. Belum ada yang disimpan. Kalau itu bagian dari teksmu, beri tanda kutip: { $quoted }
   *[other] { $command } tidak punya opsi { $flag }; opsi yang ada: { $options }. Belum ada yang disimpan. Kalau { $flag } bagian dari teksmu, beri tanda kutip: { $quoted }
}
parse-missing-option-value = { $reason ->
    [option] { $option } perlu diisi, tetapi kata sesudahnya malah opsi lain. Isian yang diawali -- diberi tanda kutip. Ketik seperti ini: { $usage }
   *[end] { $option } perlu diikuti isiannya. Ketik seperti ini: { $usage }
}
parse-repeated-option = { $option } tertulis dua kali; cukup sekali saja. Ketik seperti ini: { $usage }
parse-switch-value = { $option } tidak memakai isian (bukan { $value }): tulis { $option } saja untuk menyalakannya, atau tidak usah ditulis. Ketik seperti ini: { $usage }
parse-invalid-integer = { $range ->
    [at-least] { $option } harus bilangan bulat { $min } atau lebih, bukan { $value }. Ketik seperti ini: { $usage }
   *[between] { $option } harus bilangan bulat dari { $min } sampai { $max }, bukan { $value }. Ketik seperti ini: { $usage }
}
parse-invalid-choice = { $value } bukan salah satu pilihan untuk { $option }. Ketik salah satu dari: { $choices }
parse-too-long = { $option } terlalu panjang: { $length } karakter, padahal paling banyak { $max }. Persingkat lalu kirim lagi.
parse-too-many-items = { $option } berisi { $count } butir, padahal paling banyak { $max }. Kurangi lalu kirim lagi.
parse-invisible-characters = { $option } tidak boleh berisi karakter tak terlihat (penanda arah teks, spasi nol-lebar, dan sejenisnya): nama harus tampak apa adanya. Ketik ulang tanpa karakter itu.

## Kesalahan umum

error-storage = kumpul tidak bisa menyimpan apa pun saat ini: basis datanya penuh atau hanya-baca, jadi tidak ada yang diubah (ref { $reference }). Mohon beri tahu pengelola kumpul; membaca tetap bisa.
error-internal = Ada yang salah di pihak saya dan tidak ada yang diubah (ref { $reference }). Silakan coba lagi; jika terus terjadi, beri tahu pengelola kumpul kode ref tersebut.
error-permission = { $role ->
    [admin] Hanya admin ruang ini yang bisa melakukannya.
   *[moderator] Hanya moderator ruang ini yang bisa melakukannya.
}
error-stale-action = Tombol ini sudah tidak berfungsi. Ketik perintahnya saja (ketik bantuan untuk melihat semuanya).

## Tombol dan label

action-join = Gabung
action-leave = Keluar
action-members = Anggota
field-members = Anggota
field-tags = Tag
field-owner = Pemilik
field-created = Dibuat
field-language = Bahasa
field-timezone = Zona waktu

## Grup

group-name-length = Nama grup harus { $min }–{ $max } karakter; { $name } tidak memenuhi syarat itu.
group-name-control = Nama grup tidak boleh berisi karakter kontrol atau karakter tak terlihat. Ketik ulang namanya dengan huruf biasa.
group-name-mention = Nama grup tidak boleh diawali @, -, ! atau /, dan tidak boleh berisi sebutan seperti @everyone; { $name } melanggar aturan itu. Pilih nama lain.
group-description-length = Deskripsi maksimal { $max } karakter.
group-description-control = Deskripsi tidak boleh berisi karakter kontrol.
group-tags-count = Sebuah grup maksimal punya { $max } tag.
group-tag-invalid = Tag { $tag } tidak valid: pakai maksimal { $max } huruf, angka, atau tanda hubung, dan pisahkan tag dengan koma.
group-ping-length = Pesan panggilan harus 1–{ $max } karakter.
group-edit-nothing = Sebutkan apa yang ingin diubah: { $usage }
group-gone = Grup itu sudah tidak ada.
group-not-found = Tidak ada grup bernama { $name }. Ketik { $command } untuk melihat semua grup.
group-not-found-suggest = Tidak ada grup bernama { $name }. Maksudmu { $suggestions }?
group-not-owner = Hanya pemilik { $name } atau moderator yang bisa melakukannya.
group-exists = Grup bernama { $name } sudah ada. Untuk bergabung, ketik { $command }.
group-created = { $actor } membuat grup { $name }. Siapa pun bisa bergabung dengan { $command }.
group-edited = { $actor } memperbarui grup { $name }.
group-deleted = { $actor } menghapus grup { $name } ({ $count } anggota).
group-already-member = Kamu sudah jadi anggota { $name }. Untuk keluar, ketik { $command }.
group-joined = Kamu bergabung dengan { $name }. Kamu akan ikut dipanggil setiap kali grup ini dipanggil (sekarang { $count } anggota).
group-not-member = Kamu bukan anggota { $name }. Untuk bergabung, ketik { $command }.
group-left = Kamu keluar dari { $name }. Kamu tidak akan dipanggil lagi bersama grup ini.
group-summary = { $name } · { $count } anggota
group-list-title = { $count } grup
group-list-empty = Belum ada grup di sini. Buat yang pertama dengan { $command }.
group-list-empty-tag = Tidak ada grup dengan tag { $tag }. Ketik { $command } untuk melihat semua grup.
group-members-title = Anggota { $name } ({ $count })
group-members-empty = { $name } belum punya anggota. Bergabunglah dengan { $command }.
group-mine-title = Kamu anggota { $count } grup
group-mine-empty = Kamu belum bergabung dengan grup mana pun. Ketik { $command } untuk mencari grup.
group-ping-not-member = Hanya anggota { $name } dan moderator yang bisa memanggil grup ini. Untuk bergabung, ketik { $command }.
group-ping-nobody = Belum ada orang lain di { $name }, jadi tidak ada yang bisa dipanggil.
group-ping-cooldown = { $name } baru saja dipanggil. Kamu bisa memanggilnya lagi dalam { $minutes } menit.
group-ping-header = { $actor } memanggil { $name }:
group-ping-skipped = Anggota { $name } tidak dipanggil: grup ini sudah dipanggil kurang dari { $cooldown } menit yang lalu, dan kumpul memanggil satu grup paling banyak sekali dalam jangka waktu itu. Grup ini bisa dipanggil lagi dalam { $minutes } menit.

## Pengaturan

field-event-reminders = Pengingat acara
settings-reminders-none = tidak ada
settings-title = Pengaturan ruang ini
settings-value-set = { $value }
settings-value-default = { $value } (bawaan)
settings-hint = Moderator bisa mengubahnya dengan { $language } dan { $timezone }.
settings-language-set = { $actor } mengatur bahasa ruang ini ke Bahasa Indonesia.

## Konsol

console-welcome = Konsol kumpul — ruang obrolan lokal di komputer ini. Ketik { $help } untuk melihat daftar perintah, /as NAMA untuk berbicara sebagai orang lain (tambahkan --mod untuk moderator), /quit untuk keluar. Pengingat muncul di sini saat waktunya tiba.
console-acting-as = Sekarang kamu berbicara sebagai { $name } ({ $role ->
    [admin] admin
    [moderator] moderator
   *[member] anggota
}).
console-only-you = hanya kamu yang melihat ini
console-pings = dipanggil
label-next = selanjutnya
console-unknown-meta = Perintah konsol: /as NAMA [--member|--mod|--admin] [--locale en|id] (peran dan bahasa seseorang tetap sampai diubah), /wait 2h (hanya dalam skrip), /thread N (menulis di utas), /quit.

## Waktu

weekday-short = { $day ->
    [1] Sen
    [2] Sel
    [3] Rab
    [4] Kam
    [5] Jum
    [6] Sab
   *[7] Min
}
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] Mei
    [6] Jun
    [7] Jul
    [8] Agu
    [9] Sep
    [10] Okt
    [11] Nov
   *[12] Des
}
datetime = { $weekday }, { $day } { $month } { $year } pukul { $time } { $zone }
time-of-day = { $hour }.{ $minute }
relative-now = baru saja
relative-future = { $unit ->
    [minutes] dalam { $n } menit
    [hours] dalam { $n } jam
   *[days] dalam { $n } hari
}
relative-past = { $unit ->
    [minutes] { $n } menit yang lalu
    [hours] { $n } jam yang lalu
   *[days] { $n } hari yang lalu
}
zone-invalid = Saya tidak mengenal zona waktu { $zone }. Pakai nama seperti { $examples }.
time-not-understood = Saya tidak bisa membaca { $input } sebagai waktu. Coba seperti { $examples }.
time-unknown-word = Saya tidak mengerti { $word } dalam { $input }. Coba seperti { $examples }.
time-ambiguous = { $input } bisa berarti { $first } atau { $second }. Ketik { $try_first } atau { $try_second }.
time-ambiguous-date = { $input } bisa berarti dua tanggal. Tulis bulannya dengan kata: { $try_first } atau { $try_second }.
time-past = Saya membaca { $input } sebagai { $at }, dan waktu itu sudah lewat.
time-past-suggest = Saya membaca { $input } sebagai { $at }, dan waktu itu sudah lewat. Maksudmu { $suggestion }?
time-impossible = { $input } bukan tanggal atau waktu yang mungkin. Coba seperti { $examples }.
recur-daily = { $interval ->
    [1] setiap hari
   *[other] setiap { $interval } hari
} pukul { $time }
recur-weekdays = { $interval ->
    [1] setiap hari kerja
   *[other] setiap { $interval } minggu pada hari kerja
} pukul { $time }
recur-weekly = { $interval ->
    [1] setiap { $days }
   *[other] setiap { $interval } minggu pada { $days }
} pukul { $time }
recur-monthly = { $interval ->
    [1] setiap tanggal { $day }
   *[other] setiap { $interval } bulan pada tanggal { $day }
} pukul { $time }
recur-monthly-weekday = { $interval ->
    [1] setiap { $day } { $nth } tiap bulan
   *[other] setiap { $interval } bulan pada { $day } { $nth }
} pukul { $time }
recur-nth = { $nth ->
    [1] pertama
    [2] kedua
    [3] ketiga
    [4] keempat
   *[last] terakhir
}
weekday-long = { $day ->
    [1] Senin
    [2] Selasa
    [3] Rabu
    [4] Kamis
    [5] Jumat
    [6] Sabtu
   *[7] Minggu
}
recur-until = { $rule }, sampai { $date }
recur-count = { $rule }, { $count } kali
date = { $weekday }, { $day } { $month } { $year }
time-ends-before-start = { $input } berakhir sebelum tanggal pertamanya. Beri tanggal akhir yang lebih lambat, misalnya { $example }.
time-too-many-times = { $input } berulang lebih dari { $max } kali. Beri paling banyak { $max } kali, atau hapus jumlahnya agar berulang terus.
time-zone-ambiguous = { $word } dipakai untuk lebih dari satu zona waktu. Tulis nama tempatnya ({ $places }), atau selisihnya dari UTC, misalnya { $offset }.
time-zone-out-of-season = Saya membaca { $input } sebagai { $at }, tetapi pada hari itu { $place } memakai { $actual }, bukan { $word }. Untuk waktu setempat di sana, tulis { $actual } atau { $place }; untuk tepat { $word }, tulis { $offset }.
time-repeat-zone-drifts = { $input } berulang menurut { $word }, yang selisihnya dengan zonamu ({ $zone }) tidak selalu sama karena salah satunya memajukan jam pada musim panas. Jadwal berulang disimpan dalam zonamu, jadi tulis jamnya sesuai zonamu; jadwal pertamanya jatuh pada { $first }.
time-repeat-zone-other-day = { $input } akan jatuh pada tanggal lain menurut zonamu ({ $zone }). Jadwal berulang disimpan dalam zonamu, jadi tulis jamnya sesuai zonamu; jadwal pertamanya jatuh pada { $first }.
time-part-of-day-passed = Saya membaca { $input } sebagai { $at }, dan waktu itu sudah lewat. Kalau maksudnya hari ini, ketik { $later }; kalau besok, { $tomorrow }.
time-part-of-day-over = Saya membaca { $input } sebagai { $at }, dan waktu itu sudah lewat untuk hari ini. Maksudmu { $tomorrow }?
time-late-in-the-day = { $input } berarti tiga jam lagi, yaitu { $at }, dan itu sudah besok. Ketik { $later }, { $tomorrow }, atau jam tertentu.
time-late-in-the-day-over = { $input } berarti tiga jam lagi, yaitu { $at }, dan itu sudah besok. Ketik { $tomorrow } atau jam tertentu.
time-as-typed = (ditulis { $time })
time-read-as = Saya membaca { $input } sebagai { $at }.

## Penjadwal

scheduler-late-note = (terlambat: kumpul sempat tidak aktif)
notify-private-fallback = Saya tidak bisa mengirim pesan pribadi kepadamu (agar pesan seperti ini datang secara pribadi, izinkan pesan langsung dari kumpul), jadi saya sampaikan di sini:
scheduler-missed-summary = Selama kumpul tidak aktif, { $count } pesan terjadwal terlewat:

## Pengingat dan zona waktu

cmd-remind = Pengingat: untuk dirimu sendiri atau untuk memanggil grup, sekali atau berulang
cmd-remind-me = Ingatkan dirimu tentang sesuatu, sekali atau berulang
opt-remind-me-when = Kapan: besok jam 7 malam, dalam 2 jam, setiap senin 19.00, setiap sabtu pertama 10.00
opt-remind-me-text = Apa yang perlu diingatkan
cmd-remind-group = Panggil anggota grup dengan sebuah pesan pada waktu tertentu, sekali atau berulang
opt-remind-group-name = Grup yang ingin dipanggil
opt-remind-group-when = Kapan: besok jam 7 malam, setiap senin 19.00 sampai 31 Maret, setiap hari jam 8 pagi 10 kali
opt-remind-group-text = Apa yang perlu diingatkan kepada mereka
cmd-remind-list = Daftar pengingatmu dan pengingat grup-grupmu
opt-remind-list-page = Halaman daftar yang ditampilkan (10 per halaman)
cmd-remind-cancel = Batalkan pengingat dengan nomornya (milikmu, atau milik siapa pun bagi moderator)
opt-remind-cancel-number = Nomor pengingat, seperti di daftar pengingatmu
cmd-timezone = Zona waktumu sendiri, untuk membaca dan menampilkan waktu bagimu
cmd-timezone-set = Atur zona waktumu, mis. Asia/Jakarta, WIB, UTC+7, Europe/Berlin
opt-timezone-set-zone = Nama IANA, WIB/WITA/WIT, atau UTC±H
cmd-timezone-clear = Lupakan zona waktumu sendiri dan pakai zona ruang ini lagi
cmd-timezone-show = Tampilkan zona waktu yang dipakai kumpul untukmu
cmd-settings-timezone = Atur zona waktu ruang ini, mis. Asia/Jakarta atau WIB
opt-settings-timezone-zone = Nama IANA, WIB/WITA/WIT, atau UTC±H

action-my-reminders = Pengingatku
remind-text-length = Pengingat perlu teks 1–{ $max } karakter setelah waktunya.
remind-group-not-member = Hanya anggota { $name } dan moderator yang bisa membuat pengingat untuk grup ini. Untuk bergabung, ketik { $command }.
remind-set-me = Saya akan mengingatkanmu: { $text } —
remind-set-group = { $actor } membuat pengingat untuk { $name }: { $text } —
remind-repeats = Berulang { $rule }.
remind-number = Ini pengingat #{ $number }; untuk membatalkannya, ketik { $command }.
remind-list-empty = Kamu belum punya pengingat. Buat dengan { $command }.
sample-remind-me = dalam 2 jam peregangan
remind-list-title = { $count } pengingat
remind-not-found = Tidak ada pengingat #{ $number } di sini. Ketik { $command } untuk melihat milikmu.
remind-not-active = Pengingat #{ $number } sudah selesai atau dibatalkan.
remind-not-yours = Pengingat #{ $number } milik orang lain; hanya pembuatnya atau moderator yang bisa membatalkannya.
remind-cancelled = Pengingat #{ $number } dibatalkan: { $text }
remind-due-me = ⏰ Pengingat:{" "}
remind-due-group = ⏰ Pengingat untuk { $name } dari { $actor }:
remind-missed-item = #{ $number } { $text } (jadwal { $when })
remind-missed-personal = #{ $number } pengingat pribadi milik { $name }, isinya hanya untuknya (jadwal { $when })
remind-missed-you = Saat kumpul tidak aktif, pengingatmu #{ $number } tidak terkirim tepat waktu: { $text } (jadwal { $when }).
list-page-next = Halaman { $page } dari { $pages } — ketik { $command } untuk halaman berikutnya.
list-page-last = Halaman { $page } dari { $pages }, yang terakhir — ketik { $command } untuk kembali ke awal.
list-page-beyond = Daftar ini hanya punya { $pages } halaman; ketik { $command } untuk halaman terakhir.
remind-limit-person = Kamu sudah punya { $count } pengingat yang menunggu, paling banyak untuk satu orang di sini. Batalkan salah satunya dengan { $command } (ketik { $list } untuk melihat nomornya), lalu coba lagi.
remind-limit-space = Ruang ini sudah punya { $count } pengingat yang menunggu, paling banyak yang boleh ada di sini. Batalkan yang sudah tidak perlu dengan { $command } (ketik { $list } untuk melihat nomornya), atau minta moderator membatalkan yang lama.
remind-repeat-too-often = Di sini pengingat berulang paling sering datang sekali setiap { $minutes } menit. Pilih jadwal dengan jarak lebih lama, misalnya setiap hari 09.00.
timezone-set = Zona waktumu sekarang { $zone }. Waktu di sana sekarang { $now }.
timezone-cleared = Kamu tidak lagi punya zona waktu sendiri; kumpul memakai { $zone } untukmu.
timezone-show = Zona waktumu { $zone } ({ $source ->
    [person] diatur olehmu
    [space] zona ruang ini
   *[default] bawaan
}). Waktu di sana sekarang { $now }. Untuk mengubahnya, ketik { $command }.
settings-timezone-set = { $actor } mengatur zona waktu ruang ini ke { $zone }.
console-moderators = moderator
console-wait-real = /wait hanya berlaku dalam skrip (kumpul console --script); di sini waktu berjalan sungguhan.
console-waited = Sekarang { $now }.

## Polling

cmd-poll = Polling dan keputusan: pilihan, peringkat, skor, usulan mufakat, mencari waktu bersama
cmd-poll-create = Mulai polling: pertanyaan dan pilihannya, sebuah usulan, atau beberapa waktu untuk dipilih
opt-poll-create-poll = Pertanyaannya, lalu pilihan-pilihannya, dipisah dengan |
opt-poll-create-kind = Jenis polling (bawaan: pilihan tunggal)
opt-poll-create-closes = Kapan ditutup otomatis, mis. "jumat 18.00"
opt-poll-create-results = Kapan pemilih bisa melihat hasilnya (bawaan: langsung, selama suara masuk)
opt-poll-create-voters = publik (siapa memilih apa), privat (jumlahnya saja), rahasia (tak bisa dilacak)
opt-poll-create-group = Hanya anggota grup ini yang boleh memilih
opt-poll-create-min = Pilihan ganda: paling sedikit berapa pilihan
opt-poll-create-max = Pilihan ganda: paling banyak berapa pilihan
opt-poll-create-quorum = Mufakat: jumlah suara yang dibutuhkan untuk mengambil keputusan
opt-poll-create-rule = Mufakat: mufakat (tanpa blok, setuju > tidak setuju), tanpa-keberatan, atau mayoritas
help-notes-poll-create =
    Cara tiap jenis memutuskan, dan memecah hasil seri:
    tunggal, ganda, persetujuan: suara terbanyak menang; pilihan yang seri di puncak ditampilkan sebagai seri, tidak dipecahkan.
    skor: skor rata-rata (0–5) tertinggi menang; pilihan yang seri ditampilkan sebagai seri, tidak dipecahkan.
    peringkat: penghitungan bertahap; tiap putaran, pilihan dengan suara paling sedikit tersingkir. Seri untuk suara paling sedikit dipecahkan dengan melihat putaran-putaran sebelumnya, mulai dari yang terakhir: yang suaranya lebih sedikit di sana yang tersingkir. Kalau di semua putaran tetap sama, undian yang menentukan: undian itu ditetapkan saat polling dibuat dan sama di setiap penghitungan. Hasilnya menyebut putaran mana yang ditentukan oleh pemecah seri.
    mufakat: menurut --aturan (mufakat: tanpa blok dan suara setuju lebih banyak daripada tidak setuju; tanpa-keberatan: tanpa blok; mayoritas: suara setuju lebih banyak daripada gabungan tidak setuju dan blok); di bawah --kuorum belum ada keputusan. Kalau tidak ada suara sama sekali, usulan dengan aturan mufakat atau mayoritas tidak diterima, sedangkan dengan tanpa-keberatan diterima.
    waktu: paling banyak ya, lalu paling banyak "mungkin", lalu waktu yang paling awal. Waktu yang sudah dimulai tidak bisa lagi dijawab ya atau mungkin.
cmd-poll-vote = Beri suara di polling, atau ubah suaramu
help-notes-poll-vote =
    Suaramu yang terakhir yang dihitung, bagaimanapun caranya: diketik, lewat tombol atau menu, atau di polling bawaan obrolan.
    Di Matrix, polling dengan pemilih publik juga tampil sebagai polling Matrix, yang hanya menghitung jawaban yang dipilih di dalamnya. Suara yang diketik tetap dihitung kumpul tetapi tidak tampil di sana; konfirmasinya menyebutkan hal itu, dan hasilnya menyebutkan berapa surat suara yang masuk lewat mana.
opt-poll-vote-number = Nomor polling
opt-poll-vote-choice = Jawabanmu, mis. 2, atau 3 1 2 untuk peringkat, atau setuju
cmd-poll-retract = Tarik kembali suaramu selama polling masih dibuka
opt-poll-retract-number = Nomor polling
cmd-poll-results = Tampilkan hasil polling (jika pengaturannya mengizinkan)
opt-poll-results-number = Nomor polling
cmd-poll-close = Tutup polling sekarang dan umumkan hasilnya (pembuat atau moderator)
opt-poll-close-number = Nomor polling
cmd-poll-list = Daftar polling yang masih dibuka, atau yang sudah ditutup
opt-poll-list-closed = Tampilkan polling yang sudah ditutup
opt-poll-list-page = Halaman daftar yang ditampilkan (10 per halaman)
cmd-poll-nudge = Panggil anggota grup yang belum memilih (pembuat atau moderator)
opt-poll-nudge-number = Nomor polling
cmd-poll-export = Unduh surat suara sebagai berkas CSV
opt-poll-export-number = Nomor polling

action-vote-form = Pilih…
poll-secret-in-private = Agar pilihanmu tetap rahasia, kirim suaramu lewat pesan langsung ke kumpul, bukan di ruangan ini: { $command }
poll-private-vote-nowhere = Tidak ada ruangan bersama kumpul yang punya polling rahasia #{ $number } yang masih terbuka. Periksa nomornya di pesan polling.
poll-private-vote-ambiguous = Beberapa ruangan bersama kumpul punya polling rahasia #{ $number } yang masih terbuka ({ $rooms }), jadi kumpul tidak tahu yang mana maksudmu. Sebutkan ruangannya di awal pesan, misalnya: { $command }
poll-card-closed = Polling ini sudah ditutup.
poll-select-placeholder = { $kind ->
    [approval] Pilih semua yang kamu setujui
    [multiple] Pilih { $min }–{ $max } pilihan
   *[single] Pilih satu
}
poll-form-title = Suaramu untuk polling #{ $number }
poll-form-label = { $kind ->
    [score] Nilai 0–5 untuk tiap pilihan, berurutan
    [time] ya / mungkin / tidak untuk tiap waktu, berurutan
   *[ranked] Nomor pilihan, dari yang paling kamu sukai
}
action-results = Hasil
poll-question-length = Polling perlu pertanyaan 1–{ $max } karakter, lalu pilihan-pilihannya dipisah dengan |.
poll-consent-no-options = Usulan mufakat punya jawaban tetap (setuju, abstain, tidak setuju, blok); tulis usulannya saja.
poll-option-count = Polling ini perlu { $min }–{ $max } pilihan, dipisah dengan |, mis. { $example }
sample-poll = Makan di mana? | nasi padang | bakso
poll-option-length = Pilihan { $option } terlalu panjang atau berisi karakter kontrol: maksimal { $max } karakter.
poll-option-duplicate = Pilihan { $option } tertulis dua kali.
poll-time-not-repeating = { $input } berulang; polling butuh satu waktu saja.
poll-min-max = Untuk pilihan ganda, jumlah paling sedikit dan paling banyak yang dipilih masing-masing harus antara 1 dan jumlah pilihan ({ $options }), dan yang paling sedikit tidak boleh melebihi yang paling banyak, mis. { $example }
poll-group-not-member = Hanya anggota { $name } dan moderator yang bisa memulai polling untuk grup ini. Untuk bergabung, ketik { $command }.
poll-card = { $actor } memulai polling { $kind ->
    [multiple] pilihan ganda
    [approval] persetujuan
    [score] skor
    [ranked] peringkat
    [consent] mufakat
    [time] mencari waktu
   *[single] pilihan tunggal
}. Hasil: { $results ->
    [after-vote] setelah kamu memilih
    [after-close] saat ditutup
   *[live] langsung
}. Suara: { $voters ->
    [public] publik (semua orang melihat siapa memilih apa)
    [secret] rahasia (setelah ditutup, tak seorang pun bisa mengaitkan suara dengan pemilihnya)
   *[private] privat (jumlahnya saja)
}.
poll-how-to-vote = { $kind ->
    [multiple] Pilih { $min }–{ $max } pilihan dengan nomornya:
    [approval] Pilih semua pilihan yang kamu setujui, dengan nomornya:
    [score] Beri setiap pilihan skor 0 sampai 5, berurutan:
    [ranked] Urutkan pilihan dengan nomornya, favorit dulu (sebanyak yang kamu mau):
    [consent] Jawab setuju, abstain, tidak setuju atau blok, boleh dengan alasan:
    [time] Jawab ya, mungkin atau tidak untuk setiap waktu, berurutan:
   *[single] Pilih satu dengan nomornya:
} { $command }
sample-ballot-agree = setuju
sample-ballot-abstain = abstain
sample-ballot-disagree = tidak setuju
sample-ballot-block = blok
sample-ballot-yes = ya
sample-ballot-maybe = mungkin
sample-ballot-no = tidak
poll-for-group = Hanya anggota { $name } yang bisa memilih.
poll-closes = Ditutup{" "}
poll-not-found = Tidak ada polling #{ $number } di sini. Ketik { $command } untuk melihat yang dibuka.
poll-group-gone = Polling #{ $number } untuk grup yang sudah tidak ada, jadi tidak menerima suara lagi.
poll-not-eligible = Polling #{ $number } hanya untuk anggota grupnya.
poll-closed = Polling #{ $number } sudah ditutup. Lihat hasilnya dengan { $command }.
poll-voted = Suaramu untuk polling #{ $number } tersimpan: { $choice }.
poll-voted-hint = Untuk mengubahnya, pilih lagi dengan { $change }; untuk menariknya, ketik { $retract }.
poll-voted-not-in-native = kumpul menghitung suara ini, tetapi suara ini tidak akan tampil di { $platform ->
    [matrix] polling Matrix
   *[other] polling bawaan obrolan
} untuk #{ $number }, yang hanya menghitung pilihan yang dibuat di dalamnya (pilihanmu sebelumnya di sana tetap tampil). Kalau ingin memilih lewat polling itu, pilih jawabanmu di sana: pilihan itu menggantikan suara ini.
poll-no-ballot = Kamu belum memilih di polling #{ $number }.
poll-retracted = Suaramu untuk polling #{ $number } sudah ditarik.
poll-retracted-still-in-native = { $via ->
    [native] { $platform ->
        [matrix] Polling Matrix
       *[other] Polling bawaan obrolan
    } untuk #{ $number } masih menampilkan jawaban yang kamu pilih di sana: kumpul tidak bisa menghapus pilihan di sana, dan tidak lagi menghitungnya.
   *[kumpul] Kalau sebelumnya kamu memilih jawaban di { $platform ->
        [matrix] polling Matrix
       *[other] polling bawaan obrolan
    } untuk #{ $number }, pilihan itu masih tampil di sana: kumpul tidak bisa menghapus pilihan di sana, dan tidak menghitungnya.
} Untuk mengubahnya di sana, pilih jawaban lain (kumpul akan menghitungnya sebagai suaramu).
poll-results-after-close = Hasil polling #{ $number } ditampilkan saat ditutup.
poll-results-after-vote = Hasil polling #{ $number } ditampilkan setelah kamu memilih: { $command }
poll-results-title = { $status ->
    [closed] Hasil akhir #{ $number }:
   *[open] Hasil sementara #{ $number }:
}
poll-participants = Ikut memilih: { $names }
names-more = dan { $count } lainnya
poll-reasons-more = { $count } alasan lainnya — { $command } memuat semua surat suara.
poll-not-organiser = Hanya pembuat polling #{ $number } atau moderator yang bisa melakukannya.
poll-closed-by = Ditutup oleh { $actor }.
poll-closed-deadline = Ditutup pada tenggat waktunya.
poll-list-empty = { $status ->
    [closed] Belum ada polling yang ditutup di sini.
   *[open] Tidak ada polling yang dibuka. Mulai dengan { $command }
}
poll-list-title = { $status ->
    [closed] Polling yang ditutup ({ $count })
   *[open] Polling yang dibuka ({ $count })
}
poll-kind = { $kind ->
    [multiple] pilihan ganda
    [approval] persetujuan
    [score] skor
    [ranked] peringkat
    [consent] mufakat
    [time] mencari waktu
   *[single] pilihan tunggal
}
poll-nudge-needs-group = Pengingat untuk memilih hanya bisa dikirim untuk polling milik sebuah grup, agar kumpul tahu siapa yang belum memilih: { $example }
sample-group = pendaki
poll-nudge-everyone-voted = Semua yang bisa memilih di polling #{ $number } sudah memilih.
poll-nudge-cooldown = Polling #{ $number } sudah diingatkan kurang dari satu jam yang lalu.
poll-nudge = Pengingat untuk memilih di polling #{ $number }: { $question } — { $command }
poll-exported = Polling #{ $number }: { $count } surat suara diekspor ke { $file }.
poll-vote-count = Pilih antara { $min } dan { $max } pilihan, dengan nomornya.
poll-reason-length = Alasan maksimal { $max } karakter.
poll-vote-range = { $value } bukan pilihan: pakai nomor 1 sampai { $max }.
poll-vote-repeated = { $value } tertulis dua kali.
poll-vote-format = { $kind ->
    [score] Beri skor 0 sampai 5 untuk masing-masing dari { $options } pilihan, berurutan, mis. { $example }
    [consent] Jawab setuju, abstain, tidak setuju atau blok, mis. { $example }
    [time] Jawab ya, mungkin atau tidak untuk masing-masing dari { $options } waktu, berurutan, mis. { $example }
    [ranked] Urutkan pilihan dengan nomornya, favorit dulu, mis. { $example }
   *[other] Pilih dengan nomor pilihan, mis. { $example }
}
poll-ballots = { $count } surat suara
# Jumlah surat suara saat polling juga tampil sebagai polling bawaan platform (polling
# Matrix) dan sebagian surat suara tidak masuk lewat sana. Hanya jumlah, tanpa nama.
poll-ballots-split = { $count } surat suara: { $native } dipilih di { $platform ->
    [matrix] polling Matrix
   *[other] polling bawaan obrolan
}, { $other } diketik atau diberikan di tempat lain. { $platform ->
    [matrix] Polling Matrix
   *[other] Polling bawaan obrolan
} hanya menghitung pilihan yang dibuat di dalamnya; hasil ini menghitung semua surat suara.
poll-and = dan
poll-top = { $status ->
    [closed] Pemenang: { $option } ({ $votes } suara)
   *[open] Unggul sementara: { $option } ({ $votes } suara)
}
poll-top-tie = { $status ->
    [closed] Hasil: seri antara { $options }, masing-masing { $votes } suara. Pada polling jenis ini kumpul tidak memecah hasil seri: kalian sendiri yang memutuskan, misalnya dengan polling baru di antara pilihan itu.
   *[open] Sementara seri antara { $options }, masing-masing { $votes } suara. Kalau masih seri saat polling ditutup, kumpul tidak memilih pemenang.
}
poll-score-top = { $status ->
    [closed] Pemenang: { $option }, dengan skor rata-rata tertinggi ({ $mean } dari 5).
   *[open] Unggul sementara: { $option }, dengan skor rata-rata tertinggi sejauh ini ({ $mean } dari 5).
}
poll-score-tie = { $status ->
    [closed] Hasil: seri antara { $options }, masing-masing dengan skor rata-rata { $mean } dari 5. Pada polling jenis ini kumpul tidak memecah hasil seri: kalian sendiri yang memutuskan.
   *[open] Sementara seri antara { $options }, masing-masing dengan skor rata-rata { $mean } dari 5. Kalau masih seri saat polling ditutup, kumpul tidak memilih pemenang.
}
poll-mean = rata-rata { $mean } dari 5 (skor { $spread })
poll-round = Putaran { $round }: { $standing } ({ $exhausted } surat suara hangus)
poll-eliminated = {" "}→ { $option } tersingkir
poll-round-tie = {" "}→ seri untuk suara paling sedikit antara { $options } (masing-masing { $votes }); { $by ->
    [lot] tidak ada putaran sebelumnya yang membedakan, jadi undian polling ini yang menentukan
   *[round] putaran { $earlier } yang menentukan: di antara pilihan itu, yang suaranya lebih sedikit di putaran tersebut tersingkir
}
poll-ranked-winner = Pemenang setelah penghitungan bertahap: { $option }, dengan { $votes } dari { $active } surat suara yang masih dihitung di putaran { $round }{ $exhausted ->
    [0] {""}
   *[other] {" "}({ $exhausted } surat suara hangus)
}.
poll-ranked-tie-note = { $count ->
    [one] Putaran { $rounds } ditentukan oleh pemecah seri.
   *[other] Putaran { $rounds } ditentukan oleh pemecah seri.
} Cara memecah seri: { $help }
poll-consent-vote = { $vote ->
    [agree] Setuju
    [abstain] Abstain
    [disagree] Tidak setuju
   *[block] Blok
}
poll-consent-outcome = { $outcome ->
    [passed] Hasil: usulan diterima.
    [blocked] Hasil: usulan diblok.
    [no-quorum] Hasil: suara belum cukup untuk keputusan (kuorum tidak tercapai).
   *[not-enough] Hasil: usulan tidak diterima (persetujuan kurang).
}
poll-consent-no-votes = { $status ->
    [closed] Hasil: tidak ada yang memberi suara. { $outcome ->
        [passed] Menurut aturan tanpa-keberatan, usulan yang tidak diblok siapa pun diterima, jadi usulan ini diterima.
        [no-quorum] Usulan ini butuh { $quorum } suara (kuorumnya), jadi belum ada keputusan.
       *[not-enough] { $rule ->
            [majority] Menurut aturan mayoritas, usulan butuh suara setuju lebih banyak daripada gabungan suara tidak setuju dan blok, jadi usulan ini tidak diterima.
           *[consent] Menurut aturan mufakat, usulan butuh suara setuju lebih banyak daripada tidak setuju dan tanpa blok, jadi usulan ini tidak diterima.
        }
    }
   *[open] Belum ada suara.
}
poll-time-answers = ya { $yes } · mungkin { $maybe } · tidak { $no }
poll-best-time = Waktu terbaik: { $slot }
poll-best-time-tie = { $slots } seri (masing-masing { $yes } ya, { $maybe } mungkin); yang paling awal dipilih.
poll-slot-passed = { $slot } sudah lewat, jadi tidak bisa dipilih lagi. Jawab tidak untuk waktu itu, mis. { $command }
poll-slots-passed = Semua waktu di polling #{ $number } sudah lewat, jadi polling ini tidak menerima suara lagi.
poll-slot-past-mark = { $slot } (sudah lewat)
console-saved = disimpan di { $path }
console-save-failed = tidak bisa menyimpan { $path } (lihat log)

## Discord

discord-more-actions = Lainnya: { $commands }
discord-truncated = (dipendekkan: teks lengkapnya terlalu panjang untuk Discord)
discord-guild-only = kumpul bekerja di server, bukan di pesan langsung.
discord-missing-permission = Moderator: kumpul belum punya izin { $permission } di sini, jadi { $purpose } Berikan izin itu ke peran kumpul di Pengaturan Server → Peran (atau di izin kanal ini); tidak perlu yang lain.
discord-permission-events = acara tidak tampil di daftar acara server.
discord-permission-threads = utas diskusi tidak bisa dibuka.
cmd-settings-moderators = Di Discord: jadikan anggota suatu peran moderator di sini, atau hapus
opt-settings-moderators-role = Perannya, mis. @Panitia; kosongkan (atau tulis tidak) untuk menghapus
settings-moderators-invalid = { $value } bukan peran. Sebut perannya, mis. { $example }, atau tulis tidak.
sample-moderator-role = @Pengurus
settings-moderators-discord-only = Peran moderator hanya ada di Discord; di Matrix, moderator ditentukan oleh level daya.
settings-moderators-set = Anggota { $role } sekarang menjadi moderator di sini.
settings-moderators-cleared = Sekarang hanya anggota dengan izin Kelola Server yang menjadi moderator di sini.
cmd-bot = kumpul sendiri
cmd-bot-leave = Minta kumpul keluar dari ruang ini; data yang tersimpan tetap ada
bot-leaving = { $actor } meminta kumpul keluar. Sampai jumpa! Undang lagi kapan saja: grup, polling, dan pengingat tetap tersimpan.
console-cannot-leave = (Konsol adalah ruang milik kumpul sendiri; di Discord atau Matrix kumpul akan keluar sekarang.)
poll-availability = { $answer ->
    [yes] ya
    [maybe] mungkin
   *[no] tidak
}

## Acara
cmd-event = Acara: rencanakan pertemuan, jawab hadir atau tidak, dapat pengingat, tambahkan ke kalender
cmd-event-create = Rencanakan acara: kapan dan apa, juga (kalau mau) tempat, grup, dan jumlah tempatnya
opt-event-create-when = Kapan: jumat 19.00, 2026-12-05 10:00, setiap kamis 19.00, jumat terakhir setiap bulan 19.00
opt-event-create-title = Nama acaranya
opt-event-create-duration = Berapa lama: 2 jam, 90 menit (bawaan 2 jam)
opt-event-create-where = Tempatnya
opt-event-create-group = Umumkan ke grup ini (anggotanya dipanggil sekali, kecuali grup baru saja dipanggil)
opt-event-create-capacity = Jumlah tempat, termasuk tamu; kalau penuh, masuk daftar tunggu
opt-event-create-repeat = Ulangi mulai tanggal dan jam itu (tulis jamnya sekali): setiap jumat, sampai 31 Maret, 10 kali
opt-event-create-rsvp-by = Jawaban ditutup pada waktu ini
opt-event-create-remind = Kapan mengingatkan yang hadir, mis. 1 hari, 1 jam (atau tidak ada)
opt-event-create-remind-maybe = Ingatkan juga yang menjawab mungkin
cmd-event-edit = Ubah acara (pembuat atau moderator); yang sudah menjawab diberi tahu apa yang berubah, lama → baru
opt-event-edit-number = Nomor acara
opt-event-edit-when = Waktu baru (berulang: setiap jumat 19.00, dibaca di zonamu; acaranya ikut zonamu)
opt-event-edit-title = Judul baru
opt-event-edit-duration = Durasi baru
opt-event-edit-where = Tempat baru (tulis tidak ada untuk menghapusnya)
opt-event-edit-capacity = Jumlah tempat baru, atau tanpa batas; tidak bisa kurang dari tempat yang sudah terisi
opt-event-edit-rsvp-by = Batas jawaban baru
opt-event-edit-remind = Waktu pengingat baru, mis. 1 hari, 1 jam (atau tidak ada)
opt-event-edit-only-next = Pindahkan hanya jadwal berikutnya dari acara berulang
cmd-event-cancel = Batalkan acara (pembuatnya atau moderator); semua yang sudah menjawab diberi tahu
opt-event-cancel-number = Nomor acara
opt-event-cancel-only-next = Batalkan hanya jadwal berikutnya dari acara berulang
cmd-event-list = Acara mendatang, dalam zona waktumu
opt-event-list-group = Hanya acara grup ini
opt-event-list-page = Halaman daftar yang ditampilkan (10 per halaman)
cmd-event-info = Rincian acara dan siapa yang hadir
opt-event-info-number = Nomor acara
cmd-event-mute = Hentikan pengingat untuk satu acara, atau untuk semua acara di sini
opt-event-mute-number = Nomor acara
opt-event-mute-all = Semua acara di ruang ini
cmd-event-unmute = Terima pengingat acara lagi
opt-event-unmute-number = Nomor acara
opt-event-unmute-all = Semua acara di ruang ini
cmd-event-ics = Unduh acara sebagai berkas kalender (.ics): satu acara, acara grup, atau semuanya
opt-event-ics-number = Hanya acara ini
opt-event-ics-group = Hanya acara grup ini
cmd-rsvp = Jawab acara: hadir, mungkin, atau tidak, bisa dengan tamu
opt-rsvp-number = Nomor acara
opt-rsvp-answer = Apakah kamu datang
opt-rsvp-guests = Orang yang kamu ajak (0–20)
cmd-settings-reminders = Kapan acara baru mengingatkan yang hadir, mis. 1 hari, 1 jam, atau tidak ada
opt-settings-reminders-offsets = Berapa lama sebelum mulai, mis. 1 hari, 1 jam
action-going = Hadir
action-maybe = Mungkin
action-not-going = Tidak hadir
unit-weeks = { $count } minggu
unit-days = { $count } hari
unit-hours = { $count } jam
unit-minutes = { $count } menit
event-field-when = Kapan
event-field-when-line = Kapan:{" "}
event-field-duration = Durasi
event-field-repeats = Berulang
event-field-where = Tempat
event-field-group = Grup
event-field-next = Jadwal berikutnya
event-field-title = Judul
event-field-capacity = Kapasitas
event-field-rsvp-by = Jawaban ditutup
event-field-reminders = Pengingat
event-value-once = tidak berulang
event-value-no-date = tidak ada jadwal mendatang
event-value-no-place = tempat belum ditentukan
event-value-places = { $count } tempat
event-value-no-limit = tanpa batas
event-value-before = { $time } sebelumnya
event-value-no-deadline = saat acara mulai
event-value-no-reminders = tidak ada
event-created = { $actor } merencanakan acara #{ $number }.
event-card-cancelled = Acara ini dibatalkan.
event-counts = { $capacity ->
    [0] Hadir: { $going }
   *[other] Hadir: { $going } dari { $capacity } tempat
} · Mungkin: { $maybe } · Daftar tunggu: { $waitlist }
event-going-names = Hadir: { $names }
event-maybe-names = Mungkin: { $names }
event-waitlist-names = Daftar tunggu, berurutan: { $names }
event-rsvp-by = Jawaban ditutup{" "}
event-how-to-answer = Jawab dengan { $command } (atau { $maybe }, { $no }; tambahkan angka untuk jumlah tamu){ $reactions ->
    [yes] , atau beri reaksi ✅ hadir, ❔ mungkin, ❌ tidak hadir.
   *[no] .
}
event-title-invalid = Acara perlu judul 1–{ $max } karakter tanpa karakter kontrol.
event-place-invalid = Tempat paling banyak { $max } karakter, tanpa karakter kontrol.
event-reminders-invalid = { $input } bukan daftar waktu pengingat: pakai paling banyak { $max } durasi seperti { $example }, atau { $none }.
sample-reminders = 1 hari, 1 jam
sample-reminders-none = tidak ada
event-duration-invalid = { $input } bukan durasi. Coba { $example } atau 90 menit.
sample-duration = 2 jam
event-time-not-repeating = { $input } berulang; di sini berikan satu waktu saja.
event-repeat-invalid = { $input } bukan pengulangan. Coba --ulang "setiap kamis 19.00".
event-repeat-twice = Waktunya sudah berulang, jadi tidak perlu --ulang.
event-repeat-two-times = --kapan menyebut { $when }, tetapi --ulang menyebut { $repeat }. Tulis jamnya sekali saja: di --kapan (--kapan "jumat { $when }" --ulang "setiap jumat") atau di --ulang.
event-rsvp-by-after-start = Jawaban harus ditutup sebelum acara mulai; { $input } terlalu lambat.
event-limit-person = Kamu sudah punya { $count } acara mendatang, paling banyak untuk satu orang di sini. Batalkan salah satunya dengan { $command } (ketik { $list } untuk melihat nomornya), atau tunggu sampai salah satunya sudah berlangsung.
event-limit-space = Ruang ini sudah punya { $count } acara mendatang, paling banyak yang boleh ada di sini. Batalkan acara yang tidak jadi dengan { $command } (ketik { $list } untuk melihat nomornya), atau tunggu sampai beberapa sudah berlangsung.
event-group-not-member = Hanya anggota { $name } dan moderator yang bisa merencanakan acara untuk grup itu. Untuk bergabung, ketik { $command }.
event-not-found = Tidak ada acara #{ $number } di sini. Ketik { $command } untuk melihat acara mendatang.
event-not-organiser = Hanya pembuat acara #{ $number } atau moderator yang bisa mengubahnya.
event-cancelled = Acara #{ $number } sudah dibatalkan.
event-over = Acara #{ $number } tidak punya jadwal mendatang.
event-rsvp-closed = Jawaban untuk acara #{ $number } sudah ditutup.
event-answered = { $answer ->
    [going] { $guests ->
        [0] Kamu akan hadir di #{ $number } { $title }.
       *[other] Kamu akan hadir di #{ $number } { $title } bersama { $guests } tamu.
    }
    [waitlist] #{ $number } { $title } sudah penuh: kamu nomor { $position } di daftar tunggu, dan akan diberi tahu saat ada tempat kosong.
    [maybe] Kamu mungkin hadir di #{ $number } { $title }.
   *[no] Kamu tidak akan hadir di #{ $number } { $title }.
}
event-answer-hint = Kalau rencanamu berubah, ketik { $command }.
event-list-empty = Belum ada acara mendatang. Rencanakan dengan { $command }
sample-event-create = jumat 19.00 Nonton bareng
event-list-title = Acara mendatang ({ $count })
event-list-going = { $capacity ->
    [0] { $going } hadir
   *[other] { $going }/{ $capacity } hadir
}
event-only-next = --hanya-berikutnya hanya memindahkan jadwal berikutnya: berikan --kapan saja, mis. { $example }
sample-event-when = sabtu 19.00
event-only-next-series = Acara #{ $number } tidak berulang, jadi tidak ada jadwal "berikutnya" untuk dibatalkan sendiri.
event-series-needs-repeat = Acara ini berulang: berikan aturan barunya, mis. { $example }, atau pindahkan satu jadwal dengan --hanya-berikutnya.
sample-event-repeat = setiap jumat 19.00
event-changed = { $actor } mengubah { $scope ->
    [next] jadwal berikutnya dari acara #{ $number }
   *[all] acara #{ $number }
}:
event-unchanged = Acara #{ $number } sudah seperti itu, jadi tidak ada yang berubah dan tidak ada yang diberi tahu.
event-capacity-invalid = { $input } bukan jumlah tempat: berikan angka 1 sampai { $max }, mis. { $example }, atau { $none } untuk tanpa batas.
sample-capacity-none = tanpa
event-capacity-below-going = Di acara #{ $number } sudah ada { $going } tempat yang terisi (termasuk tamu), jadi kapasitasnya tidak bisa hanya { $capacity }: tidak ada yang kehilangan tempat yang sudah didapat. Ketik { $enough } atau lebih, atau { $none } untuk tanpa batas; yang tidak bisa datang bisa menjawab tidak dulu.
event-cancelled-by = { $actor } membatalkan { $scope ->
    [next] jadwal berikutnya dari acara #{ $number } { $title }
   *[all] acara #{ $number } { $title }
}.
event-muted = { $on ->
    [yes] Tidak ada lagi pengingat untuk #{ $number } { $title }.
   *[no] Kamu akan menerima pengingat untuk #{ $number } { $title } lagi.
}
event-muted-all = { $on ->
    [yes] Tidak ada lagi pengingat untuk acara di sini.
   *[no] Kamu akan menerima pengingat untuk acara di sini lagi.
}
event-mute-what = Sebutkan acaranya, mis. { $one }, atau { $all } untuk semua acara di sini.
event-ics = { $count } acara di { $file }. Buka dengan aplikasi kalendermu untuk menambahkannya.
event-reminder = ⏰ #{ $number } { $title } mulai dalam { $in }.
event-reminder-hint = Untuk berhenti menerima pengingat ini, ketik { $command }.
event-promoted-private = Ada tempat kosong: kamu sekarang masuk daftar hadir #{ $number } { $title },{" "}
settings-reminders-set = { $count ->
    [0] { $actor } mematikan pengingat untuk acara baru.
   *[other] { $actor } mengatur acara baru agar mengingatkan yang hadir { $times } sebelumnya.
}
calendar-no-location = Rincian di pesan acara

## Ide
cmd-idea = Papan ide: bagikan ide, dukung ide orang lain, jadikan yang terbaik polling
cmd-idea-add = Bagikan ide, atas namamu atau secara anonim
opt-idea-add-text = Idemu
opt-idea-add-group = Grup yang dituju
opt-idea-add-anonymous = Kirim tanpa namamu
cmd-idea-list = Ide yang masih terbuka, dukungan terbanyak atau terbaru dulu
opt-idea-list-group = Hanya ide grup ini
opt-idea-list-top = Dukungan terbanyak dulu (bawaan)
opt-idea-list-new = Terbaru dulu
opt-idea-list-page = Halaman daftar yang ditampilkan (10 per halaman)
cmd-idea-vote = Dukung ide, atau tarik kembali dukunganmu
opt-idea-vote-number = Nomor ide
cmd-idea-status = Tandai ide direncanakan, selesai, atau ditolak; penulisnya diberi tahu
opt-idea-status-number = Nomor ide
opt-idea-status-status = Status barunya (terbuka: kembali belum diputuskan)
opt-idea-status-reason = Alasannya, singkat saja
cmd-idea-poll = Jadikan ide polling: berperingkat, kecuali kamu memilih jenis lain
opt-idea-poll-numbers = Nomor-nomor idenya, mis. 3 5 7
opt-idea-poll-kind = Jenis polling (bawaan: peringkat)
action-upvote = 👍 Dukung
idea-card = 💡 Ide #{ $number } dari { $author }:
idea-card-anonymous = 💡 Ide #{ $number } (anonim):
idea-votes = { $count } dukungan{ $status ->
    [planned] {" "}· direncanakan
    [done] {" "}· selesai
    [declined] {" "}· ditolak
   *[open] {""}
}
idea-for-group = Untuk grup { $name }.
idea-text-invalid = Ide (atau alasan) berisi 1–{ $max } karakter, tanpa karakter kontrol.
idea-group-not-member = Hanya anggota { $name } dan moderator yang bisa menambah ide untuk grup itu. Untuk bergabung, ketik { $command }.
idea-not-found = Tidak ada ide #{ $number } di sini. Ketik { $command } untuk melihatnya.
idea-closed = Ide #{ $number } sudah { $status ->
    [declined] ditolak
   *[done] selesai
}, jadi tidak menerima dukungan lagi.
idea-voted = { $on ->
    [yes] Kamu mendukung ide #{ $number }. Ketik { $command } lagi untuk menariknya.
   *[no] Dukunganmu untuk ide #{ $number } sudah ditarik.
}
idea-list-empty = Belum ada ide terbuka. Bagikan dengan { $command }
sample-idea = Piknik di taman
idea-list-title = { $order ->
    [new] Ide terbaru ({ $count })
   *[top] Ide teratas ({ $count })
}
idea-status-set = { $actor } menandai ide #{ $number } ({ $idea }) sebagai { $status ->
    [planned] direncanakan
    [done] selesai
    [declined] ditolak
   *[open] terbuka lagi
}.
idea-poll-numbers = Berikan 2–{ $max } nomor ide, mis. { $example }
idea-poll-kind = Ide bisa dijadikan polling pilihan tunggal, pilihan ganda, persetujuan, skor, atau peringkat.
idea-poll-question = Ide mana yang sebaiknya kita lakukan?
idea-poll-from = Polling untuk ide { $ideas }:

## Utas
cmd-thread = Utas diskusi: buka, lihat ringkasan, tutup
cmd-thread-start = Buka utas diskusi, untuk semua orang atau untuk satu grup
opt-thread-start-topic = Topiknya
opt-thread-start-group = Grup yang dituju
opt-thread-start-ping = Panggil anggota grup (anggota dan moderator), kecuali grup baru saja dipanggil
cmd-thread-list = Utas yang terbuka, atau yang diarsipkan
opt-thread-list-group = Hanya utas grup ini
opt-thread-list-open = Utas terbuka (bawaan)
opt-thread-list-archived = Utas yang diarsipkan
opt-thread-list-page = Halaman daftar yang ditampilkan (10 per halaman)
cmd-thread-close = Arsipkan utas (pembukanya atau moderator)
opt-thread-close-number = Nomor utas
cmd-thread-reopen = Keluarkan utas dari arsip (pembukanya atau moderator)
opt-thread-reopen-number = Nomor utas
cmd-thread-digest = Ringkasan utas: siapa menulis seberapa banyak, pesan paling banyak direaksi, apa yang diputuskan
opt-thread-digest-number = Nomor utas
cmd-idea-discuss = Buka utas diskusi tentang sebuah ide
opt-idea-discuss-number = Nomor ide
idea-discuss-topic = Ide #{ $number }: { $idea }
thread-topic-invalid = Utas perlu topik 1–{ $max } karakter.
thread-group-not-member = Hanya anggota { $name } dan moderator yang bisa memanggil grup itu. Untuk bergabung, ketik { $command }.
thread-header = 🧵 Utas #{ $number }: { $topic }, dibuka oleh { $opener }.
thread-for-group = Untuk grup { $name }.
thread-how = Balas di utasnya. Utas diarsipkan setelah { $days } hari tanpa pesan; siapa pun bisa membaca ringkasannya dengan { $command }.
thread-not-found = Tidak ada utas #{ $number } di sini. Ketik { $command } untuk melihatnya.
thread-not-opener = Hanya pembuka utas #{ $number } atau moderator yang bisa melakukannya.
thread-already = Utas #{ $number } sudah { $status ->
    [open] terbuka
   *[archived] diarsipkan
}.
thread-status = { $actor } { $status ->
    [open] membuka lagi
   *[archived] mengarsipkan
} utas #{ $number } { $topic }.
thread-list-empty = { $status ->
    [archived] Tidak ada utas yang diarsipkan.
   *[open] Tidak ada utas terbuka. Mulai dengan { $command }
}
sample-thread-start = Rencana liburan akhir tahun
thread-list-title = { $status ->
    [archived] Utas yang diarsipkan ({ $count })
   *[open] Utas terbuka ({ $count })
}
thread-digest-title = Ringkasan utas #{ $number }: { $topic }
thread-digest-counts = { $messages } pesan dari { $people } orang; utasnya { $status ->
    [open] terbuka
   *[archived] diarsipkan
}.
thread-digest-people = Yang menulis: { $names }
thread-digest-top = Paling banyak mendapat reaksi:
thread-digest-message = { $author }, { $reactions } reaksi
thread-digest-idea = Tentang ide #{ $number } ({ $idea }), sekarang { $status ->
    [planned] direncanakan
    [done] selesai
    [declined] ditolak
   *[open] terbuka
}.
thread-digest-poll = Polling #{ $number } { $question } ({ $status ->
    [open] terbuka
   *[closed] ditutup
}): { $command }
thread-digest-quiet = Belum ikut menulis — silakan bergabung kapan saja: { $names }
thread-archived-note = Utas ini (#{ $number }) sepi selama { $days } hari, jadi diarsipkan. Untuk melanjutkan, ketik { $command }.
thread-first-message = Diskusi dimulai di sini: balas di utas ini.
console-thread-hint = Ketik /thread dan nomornya untuk menulis di utas, /thread saja untuk keluar.
console-thread-entered = Kamu menulis di utas #{ $number }; perintah tetap bisa dipakai. /thread untuk keluar.
console-thread-left = Kembali ke percakapan utama.
opt-event-create-thread = Buka utas diskusi untuk acara ini
error-storage-unavailable = kumpul tidak bisa menghubungi basis datanya saat ini, jadi belum bisa dipastikan apakah ini tersimpan (ref { $reference }). Mohon periksa lagi nanti sebelum mengulanginya, dan beri tahu pengelola kumpul.
error-storage-gone = Berkas basis data kumpul dihapus atau diganti saat kumpul sedang berjalan, jadi kumpul berhenti menyimpan apa pun (ref { $reference }). Mohon beri tahu pengelola kumpul: basis datanya harus dikembalikan dan kumpul dijalankan lagi.
idea-added-anonymously = Ide #{ $number } sudah dikirim secara anonim, sebagai pesan kumpul sendiri. { $kept ->
    [yes] Server ini menyimpan penulisnya untuk moderator (tidak pernah ditampilkan atau dipanggil).
   *[no] kumpul tidak menyimpan siapa penulisnya, jadi tidak ada yang bisa mengetahuinya.
}
poll-secret-results = Polling rahasia baru menampilkan hasilnya setelah ditutup, supaya tidak ada yang bisa menebak suara seseorang dari perubahannya. Hapus { $option }, atau tulis { $instead }.
poll-secret-key-missing = Polling #{ $number } tidak bisa menerima suara: kunci rahasianya hilang di server ini, jadi suara tidak akan pernah bisa dihitung. Mohon beri tahu pengelola kumpul (lihat "Privasi" di README kumpul).
poll-uncounted = { $count ->
    [one] Satu surat suara tidak bisa dihitung: kunci rahasia polling ini hilang di server ini.
   *[other] { $count } surat suara tidak bisa dihitung: kunci rahasia polling ini hilang di server ini.
}
poll-group-only-results = Polling #{ $number } khusus anggota { $name }: hanya mereka dan moderator yang bisa melihat hasilnya.
idea-group-only = Ide #{ $number } milik grup { $name }: hanya anggota dan moderator yang bisa mendukung, mendiskusikan, atau menjadikannya polling. Untuk bergabung, ketik { $command }.
matrix-room-word = di
matrix-secret-vote-not-counted = { $action ->
    [retract] Penarikan suaramu di polling rahasia #{ $number } tidak dijalankan
   *[vote] Suaramu di polling rahasia #{ $number } tidak dihitung
}: semua orang di { $room } bisa membaca pesan di sana, jadi polling rahasia hanya menerima suara lewat pesan langsung dengan kumpul, seperti di sini.
matrix-secret-vote-closed = Polling rahasia #{ $number } sudah ditutup, jadi pesanmu di { $room } tidak mengubah apa pun. Suara untuk polling rahasia hanya diterima lewat pesan langsung dengan kumpul, seperti di sini: semua orang di sebuah ruangan bisa membaca pesannya.
matrix-anonymous-idea-not-posted = Idemu tidak dikirim: semua orang di { $room } bisa melihat siapa yang mengirim pesan di sana. Kirim ide anonim lewat pesan langsung dengan kumpul, seperti di sini, lalu kumpul mengirimkannya ke ruangan itu sebagai pesannya sendiri.
matrix-removed-from-room = { $removed ->
    [yes] kumpul sudah menghapus pesanmu dari { $room }.
   *[no] kumpul tidak bisa menghapus pesan orang lain di { $room } (moderator bisa memberinya level daya untuk itu), jadi sebaiknya kamu hapus sendiri pesanmu.
}
matrix-send-here = Caranya, kirim ini di sini: { $command }
matrix-private-no-dm = { $what ->
    [idea] Ide anonim
   *[vote] Suara untuk polling rahasia
} hanya bisa dikirim lewat pesan langsung dengan kumpul, karena semua orang di sini bisa membaca pesan di ruangan ini; jadi kumpul tidak menjalankan perintahmu. kumpul juga tidak bisa membuka pesan langsung denganmu: mulailah percakapan dengan { $bot } dan kirim perintahmu di sana.
matrix-idea-room-nowhere = kumpul tidak bisa mengirim ide anonimmu: selain pesan langsung ini, tidak ada ruangan yang kamu ikuti bersama kumpul. Undang kumpul ke ruangannya, lalu kirim lagi idenya di sini.
matrix-idea-room-ambiguous = Ada beberapa ruangan yang kamu ikuti bersama kumpul ({ $rooms }), jadi kumpul tidak tahu ke ruangan mana ide anonimmu harus dikirim. Sebutkan ruangannya di awal pesan, misalnya: { $command }
matrix-vote-room-nowhere = Tidak ada polling rahasia #{ $number } yang masih terbuka di { $room }. Periksa ruangan dan nomornya di pesan polling.
matrix-room-unknown = kumpul tidak berada di ruangan { $room } bersamamu. Sebutkan ruangan yang kalian ikuti berdua dengan alamatnya (misalnya #klub:example.org) atau ID-nya (misalnya !abc:example.org).
matrix-room-prefix-misplaced = Memulai pesan dengan { $word } dan sebuah ruangan hanya berlaku di pesan langsung dengan kumpul, untuk suara polling rahasia dan ide anonim. Ketik perintah lain langsung di ruangannya, tanpa itu.
matrix-redaction-reason = Dihapus oleh kumpul: pesan ini seharusnya dikirim lewat pesan langsung ke kumpul.
matrix-edit-cut = Pesan ini sudah terlalu panjang untuk satu pesan Matrix, jadi bagian akhirnya terpotong di sini.
discord-standalone-failed = Sudah tersimpan, tetapi kumpul tidak bisa mengirim pesannya di kanal ini, jadi belum ada orang lain yang melihatnya: mungkin kumpul tidak diizinkan mengirim pesan atau menyematkan tautan di sini. Moderator bisa memberi peran kumpul izin Kirim Pesan dan Sematkan Tautan di kanal ini.
parse-mistyped-option = { $flag } bukan opsi { $command } — maksudmu { $suggestion }? Belum ada yang disimpan. Kalau memang bagian dari teks, beri tanda kutip: { $quoted }
poll-results-for-members = Polling #{ $number } sudah ditutup. Hasilnya khusus untuk anggota grupnya: mereka bisa melihatnya dengan { $command }.
idea-poll-mixed-groups = Ide-ide ini milik grup yang berbeda (atau sebagian milik grup dan sebagian untuk semua), jadi tidak bisa digabung dalam satu polling. Buat polling sendiri untuk ide tiap grup, misalnya { $example }
