"""Screenshots of the report (`make run`'s out/report.html) in Chromium, in English and Chinese:
the first screen and the scenario library's first fan chart per language, and each language's full
page height. `make screenshots` runs it with `--out docs/screenshots`; it writes only under `--out`.

    python docs/screenshots/take.py --report out/report.html --out docs/screenshots

Needs the Python package `playwright` (a test dependency) and a Chromium: Debian's
(`apt-get install chromium`, /usr/bin/chromium) or another given with `--chromium`.
"""
from __future__ import annotations

import argparse
import io
import json
import pathlib
import sys

WIDTH, HEIGHT = 1280, 800
LANGS = ("en", "zh")


def small_png(data: bytes) -> bytes:
    """The screenshot as a 256-colour PNG (a report's flat colours survive; a tenth of the bytes)."""
    from PIL import Image
    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(report: pathlib.Path, out: pathlib.Path, chromium: pathlib.Path) -> dict:
    from playwright.sync_api import sync_playwright
    out.mkdir(parents=True, exist_ok=True)
    heights = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
        page.goto(report.resolve().as_uri())
        for lang in LANGS:
            page.evaluate(f"setLang('{lang}')")
            page.evaluate("window.scrollTo(0, 0)")
            heights[lang] = page.evaluate("document.documentElement.scrollHeight")
            shots = {f"report-{lang}-first-screen.png": page.screenshot(),
                     f"report-{lang}-fan-chart.png": page.locator(f"#scenarios [data-lang={lang}] figure").first
                     .screenshot()}
            for name, data in shots.items():
                target = out / name
                tmp = target.with_suffix(".tmp")
                tmp.write_bytes(small_png(data))
                tmp.replace(target)
        browser.close()
    return heights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=pathlib.Path, default=pathlib.Path("out/report.html"))
    parser.add_argument("--out", type=pathlib.Path, required=True, help="folder the PNG files are written to")
    parser.add_argument("--chromium", type=pathlib.Path, default=pathlib.Path("/usr/bin/chromium"))
    args = parser.parse_args(argv)
    for path, what in ((args.report, "report (run `make run` first)"), (args.chromium, "Chromium")):
        if not path.is_file():
            print(f"{path}:0: {what}: not found", file=sys.stderr)
            return 2
    heights = take(args.report, args.out, args.chromium)
    print(json.dumps({"page_height_px": heights}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
