import { html } from 'hono/html'
import {
  ARTICLE_PLACEHOLDER,
  embedSnippet,
  NOSCRIPT_LABEL,
  tanggapiUrl,
} from '../domain/embedding/embed-snippet'

// The /demo page: a news article as a kabupaten's site publishes it, with the widget at its
// end exactly as a webmaster embeds it (docs/contract.md §4). Its text is written for this demo.

const DEMO_ARTICLE = {
  // The site scripts/demo-data.ts seeds, with contohkab.go.id among its origins.
  site: 'demo',
  key: 'https://contohkab.go.id/berita/wifi-gratis-di-50-taman-kota',
  opd: 'diskominfo',
  title: 'Diskominfo Pasang Wi-Fi Gratis di 50 Taman Kota',
}

const PARAGRAPHS = [
  'Dinas Komunikasi dan Informatika (Diskominfo) Kabupaten Contoh menuntaskan pemasangan jaringan Wi-Fi gratis di 50 taman kota yang tersebar di 12 kecamatan. Layanan yang diberi nama «Taman Tersambung» itu dapat dinikmati warga setiap hari mulai pukul 06.00 hingga 22.00 WIB.',
  'Kepala Diskominfo, Drs. Bambang Sutrisno, M.Si., mengatakan program ini merupakan bagian dari upaya pemerintah daerah mempersempit kesenjangan digital, terutama bagi pelajar dan pelaku usaha mikro yang belum memiliki akses internet memadai di rumah.',
  '«Taman kota kami jadikan ruang belajar dan ruang usaha. Anak-anak bisa mengerjakan tugas sekolah, pedagang kecil bisa menerima pembayaran digital dan memasarkan dagangannya secara daring,» ujar Bambang saat meresmikan titik akses di Taman Alun-Alun, Senin (17/11).',
  'Setiap titik akses memiliki kecepatan hingga 50 Mbps dan dapat melayani sekitar 100 pengguna secara bersamaan. Untuk menjaga kenyamanan bersama, setiap perangkat dibatasi pemakaian selama dua jam per sesi dan dapat tersambung kembali setelahnya. Situs yang memuat konten negatif diblokir secara otomatis.',
  'Warga cukup memilih jaringan «TamanTersambung-ContohKab» pada ponsel, lalu menyetujui syarat penggunaan pada halaman yang muncul. Tidak ada pendaftaran dengan nomor telepon maupun data pribadi lainnya.',
  'Pemasangan dilakukan secara bertahap sejak Juli 2026 dengan anggaran Rp2,4 miliar dari APBD. Diskominfo juga bekerja sama dengan kelurahan setempat untuk pemeliharaan perangkat serta pengawasan penggunaan di lapangan.',
  'Salah satu warga, Siti Aminah (34), pedagang minuman di Taman Kartini, mengaku terbantu dengan adanya layanan tersebut. «Sekarang pembeli bisa bayar pakai QRIS tanpa khawatir sinyal hilang. Anak saya juga sering belajar di sini sepulang sekolah,» katanya.',
  'Diskominfo membuka kanal pengaduan apabila warga menemukan gangguan layanan, melalui aplikasi «Lapor Bupati» atau nomor WhatsApp layanan 0812-0000-1234. Pada tahun 2027, program ini direncanakan diperluas ke 30 ruang publik lain, termasuk terminal dan pasar tradisional.',
]

const RELATED = [
  'Aplikasi «Lapor Bupati» Versi Baru Kini Bisa Lacak Aduan',
  'Pelatihan Literasi Digital untuk 300 Pelaku UMKM',
  'Musrenbang Kecamatan 2027 Tampung 1.240 Usulan Warga',
]

export function demoArticlePage(widgetOrigin: string) {
  const snippet = embedSnippet(widgetOrigin, DEMO_ARTICLE.site, DEMO_ARTICLE.opd)
  const noscript = tanggapiUrl(widgetOrigin, DEMO_ARTICLE.site, DEMO_ARTICLE.opd, DEMO_ARTICLE.key)
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${DEMO_ARTICLE.title} — Pemerintah Kabupaten Contoh</title>
<meta property="og:title" content="${DEMO_ARTICLE.title}">
<link rel="canonical" href="${DEMO_ARTICLE.key}">
<link rel="stylesheet" href="/demo/style.css">
<link rel="icon" href="/demo/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="site">
  <div class="wrap">
    <a class="brand" href="/demo"><span class="logo" aria-hidden="true">CK</span>
      <span><strong>Pemerintah Kabupaten Contoh</strong><small>Portal Resmi Pemerintah Daerah</small></span></a>
    <nav aria-label="Menu utama"><a href="/demo">Beranda</a><a href="/demo">Berita</a><a href="/demo">Layanan</a><a href="/demo">PPID</a></nav>
  </div>
</header>
<main class="wrap">
  <article>
    <p class="crumbs"><a href="/demo">Beranda</a> › <a href="/demo">Berita</a> › Diskominfo</p>
    <h1>${DEMO_ARTICLE.title}</h1>
    <p class="meta">Senin, 17 November 2026 · 10:24 WIB · Oleh Tim Humas Diskominfo</p>
    <div class="hero" role="img" aria-label="Ilustrasi: warga memakai Wi-Fi gratis di taman kota"></div>
    ${PARAGRAPHS.map((p) => html`<p>${p}</p>`)}
    <p class="tags">Tag: <a href="/demo">Wi-Fi Gratis</a> <a href="/demo">Diskominfo</a> <a href="/demo">Taman Kota</a></p>

    <div data-tanggapan data-opd="${DEMO_ARTICLE.opd}" data-article="${DEMO_ARTICLE.key}" data-title="${DEMO_ARTICLE.title}"><noscript>
      <a href="${noscript}">${NOSCRIPT_LABEL}</a>
    </noscript></div>
    <script src="${widgetOrigin}/widget.js" async></script>
    <section class="themes" aria-labelledby="themes-title">
      <h2 id="themes-title">Tema widget</h2>
      <p>Kotak di atas terang, apa pun tema perangkat pembaca. Dengan <code>data-theme="dark"</code>
        selalu gelap; dengan <code>data-theme="auto"</code> mengikuti perangkat pembaca.</p>
      ${(['dark', 'auto'] as const).map(
        (theme) =>
          html`<div data-tanggapan data-theme="${theme}" data-opd="${DEMO_ARTICLE.opd}" data-article="${DEMO_ARTICLE.key}" data-title="${DEMO_ARTICLE.title}"></div>`,
      )}
    </section>
  </article>

  <aside>
    <h2>Berita lainnya</h2>
    <ul>${RELATED.map((title) => html`<li><a href="/demo">${title}</a></li>`)}</ul>
    <section class="embed" aria-labelledby="embed-title">
      <h2 id="embed-title">Memasang widget ini</h2>
      <p>Tempelkan kode berikut di akhir setiap berita. Halaman dikenali dari alamat kanoniknya.</p>
      <pre><code>${snippet}</code></pre>
      <p>Tanpa JavaScript, pembaca mengikuti tautan di dalam <code>&lt;noscript&gt;</code>: ganti
        <code>${ARTICLE_PLACEHOLDER}</code> dengan alamat kanonik berita (URL-encoded).</p>
    </section>
  </aside>
</main>
<footer class="site"><div class="wrap">© 2026 Pemerintah Kabupaten Contoh · Dinas Komunikasi dan Informatika</div></footer>
</body>
</html>`
}
