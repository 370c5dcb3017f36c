// The demo news site's own stylesheet, served as a file so the page needs no inline style
// and can run under the strict CSP a careful webmaster would set.
export const DEMO_CSS = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.65 Georgia,'Times New Roman',serif;color:#1f2933;background:#f4f6f8}
a{color:#0b57b0}
.wrap{max-width:1080px;margin:0 auto;padding:0 20px}
header.site{background:#0e3a66;color:#fff;border-bottom:4px solid #f2b705}
header.site .wrap{display:flex;flex-wrap:wrap;gap:12px 32px;align-items:center;justify-content:space-between;padding:14px 20px}
.brand{display:flex;gap:12px;align-items:center;color:#fff;text-decoration:none;font-family:system-ui,sans-serif}
.brand small{display:block;font-size:13px;opacity:.85}
.logo{display:grid;place-items:center;width:44px;height:44px;border-radius:50%;background:#f2b705;color:#0e3a66;font-weight:800}
nav{display:flex;gap:20px;font:600 15px system-ui,sans-serif}
nav a{color:#fff;text-decoration:none}
main.wrap{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:40px;padding-top:28px;padding-bottom:48px}
article{background:#fff;padding:28px 36px 36px;border-radius:8px;box-shadow:0 1px 3px #0001}
.crumbs,.meta,.tags{font:14px system-ui,sans-serif;color:#52606d}
h1{font:800 34px/1.2 system-ui,sans-serif;margin:.3em 0 .4em;color:#102a43}
.hero{height:260px;border-radius:8px;margin:20px 0;background:linear-gradient(135deg,#2f855a 0%,#38a169 40%,#0e3a66 100%)}
.tags a{margin-right:8px}
[data-tanggapan]{margin-top:32px;min-height:356px}
aside h2,.themes h2{font:700 18px system-ui,sans-serif;color:#102a43}
.themes{margin-top:40px;font:15px/1.5 system-ui,sans-serif}
aside ul{padding-left:18px;font:15px/1.5 system-ui,sans-serif}
aside li{margin-bottom:10px}
.embed{background:#fff;border-radius:8px;padding:4px 18px 14px;margin-top:28px;font:15px/1.5 system-ui,sans-serif}
pre{white-space:pre-wrap;word-break:break-all;background:#102a43;color:#e6f0ff;padding:12px;border-radius:6px;font-size:13px}
footer.site{background:#102a43;color:#d9e2ec;font:14px system-ui,sans-serif;padding:20px 0}
@media (max-width:820px){main.wrap{grid-template-columns:minmax(0,1fr);gap:24px}article{padding:20px}h1{font-size:27px}}
@media (max-width:480px){.wrap,header.site .wrap{padding-left:12px;padding-right:12px}article{padding:16px 14px}nav{gap:14px}}
@media (prefers-color-scheme:dark){body{background:#0b1117;color:#d9e2ec}article,.embed{background:#111a23}h1,aside h2,.themes h2{color:#f0f4f8}.crumbs,.meta,.tags{color:#9fb3c8}a{color:#8dbcff}}
`

/** The demo site's emblem, so the browser's favicon request finds something. */
export const DEMO_FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#f2b705"/><text x="16" y="21" font-size="13" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="#0e3a66">CK</text></svg>'
