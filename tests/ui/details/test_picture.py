"""Pictures from a catalog's folder: shown when harmless, never a way to read a file outside it."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from massage_explorer.ui.details.picture import MAX_BYTES, load_picture

STRACE = shutil.which("strace")
RED = "#ff0000"  # the harmless pictures
BLUE = "#0000ff"  # the outside file: seen in a picture, it was read


def svg(inside: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="40" height="40">{inside}</svg>'
    )


def image_of(path: Path) -> str:
    """An SVG that draws the file at `path` over its whole area, if Qt reads it."""
    return svg(f'<image width="40" height="40" xlink:href="{path}"/>')


HARMLESS = svg(
    '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>'
    '<rect width="40" height="40" fill="url(#g)"/><title>Hands &amp; forearms, &#233;asy</title>'
)


def raster(form: str, color: str = RED) -> bytes:
    image = QImage(80, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, form)
    return bytes(buffer.data().data())


def hostile(secret: Path) -> dict[str, bytes]:
    """Each way an SVG referring to `secret` got past a check of the raw bytes, by file name."""
    text = image_of(secret)
    return {
        "plain.svg": text.encode(),
        "packed.svg": gzip.compress(text.encode()),
        "packed-utf-16.svg": gzip.compress(text.encode("utf-16")),
        "utf-16.svg": text.encode("utf-16"),  # with a byte order mark
        "utf-16-be.svg": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-16-bare.svg": text.encode("utf-16-le"),  # no mark: Qt tells by the zeros
        "svg.png": text.encode(),  # Qt guesses the format from the content
        "svg.jpg": text.encode(),
        "packed-svg.jpeg": gzip.compress(text.encode()),
    }


HOSTILE = list(hostile(Path("/elsewhere/secret.png")))


@pytest.fixture
def secret(tmp_path_factory, qapp) -> Path:
    """A picture in a folder of its own, away from the catalog's: what must never be read."""
    path = tmp_path_factory.mktemp("elsewhere") / "secret.png"
    path.write_bytes(raster("PNG", BLUE))
    return path


@pytest.fixture
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("catalog")


def shown_color(folder: Path, name: str) -> str | None:
    pixmap = load_picture(folder, name)
    return None if pixmap is None else pixmap.toImage().pixelColor(5, 5).name()


@pytest.mark.parametrize("name", HOSTILE)
def test_an_svg_that_refers_to_an_outside_file_is_not_shown_however_packed_encoded_or_named(
    folder, secret, name
) -> None:
    (folder / name).write_bytes(hostile(secret)[name])
    assert load_picture(folder, name) is None


@pytest.mark.parametrize(
    "inside",
    [
        '<image width="40" height="40" href="{secret}"/>',
        '<image width="40" height="40" xlink:HREF="{secret}"/>',
        '<rect width="40" height="40" style="fill:url({secret})"/>',
        '<rect width="40" height="40" style="fill:url( \'file://{secret}\' )"/>',
        '<rect width="40" height="40" style="fill:&#117;rl({secret})"/>',  # u, spelled out
        '<rect width="40" height="40" style="fill:u\\72l({secret})"/>',  # r, as CSS escapes it
        '<style>@import "{secret}";</style>',
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" parse="text" href="{secret}"/>',
        "<text>&outside;</text>",
    ],
)
def test_an_svg_that_could_refer_out_any_other_way_is_not_shown(folder, secret, inside) -> None:
    (folder / "sly.svg").write_text(svg(inside.format(secret=secret)), encoding="utf-8")
    assert load_picture(folder, "sly.svg") is None


@pytest.mark.parametrize(
    "before",
    [
        '<!DOCTYPE svg [<!ENTITY outside SYSTEM "{secret}">]>',
        '<!DOCTYPE svg SYSTEM "{secret}">',
        '<?xml-stylesheet type="text/css" href="{secret}"?>',
        '<?xml version="1.0" encoding="ISO-8859-1"?>',  # Qt would read other text than was checked
        '<?xml version="1.0" encoding="UTF-7"?>',
        ' <?xml version="1.0"?>',
    ],
)
def test_an_svg_with_a_doctype_or_processing_instruction_is_not_shown(folder, secret, before) -> None:
    (folder / "sly.svg").write_text(before.format(secret=secret) + HARMLESS, encoding="utf-8")
    assert load_picture(folder, "sly.svg") is None


@pytest.mark.parametrize(
    "data",
    [
        HARMLESS.encode(),
        b"\xef\xbb\xbf" + HARMLESS.encode(),  # a byte order mark
        b'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + HARMLESS.encode(),
        gzip.compress(HARMLESS.encode()),
    ],
    ids=["plain", "marked", "declared", "packed"],
)
def test_a_harmless_svg_is_shown(folder, data) -> None:
    (folder / "harmless.svg").write_bytes(data)
    assert shown_color(folder, "harmless.svg") == RED


@pytest.mark.parametrize(("name", "form"), [("a.png", "PNG"), ("a.jpg", "JPEG"), ("a.JPEG", "JPEG")])
def test_a_photo_that_is_what_its_name_says_is_shown(folder, name, form) -> None:
    (folder / name).write_bytes(raster(form))
    pixmap = load_picture(folder, name)
    assert pixmap is not None and pixmap.toImage().pixelColor(5, 5).red() > 250


@pytest.mark.parametrize(("name", "form"), [("png.jpg", "PNG"), ("jpeg.png", "JPEG")])
def test_a_photo_named_as_another_format_is_not_shown(folder, name, form) -> None:
    # Harmless here, but Qt guessing formats from content is how an SVG named .png got read.
    (folder / name).write_bytes(raster(form))
    assert load_picture(folder, name) is None


def test_an_svgz_is_not_a_picture_the_catalog_may_name(folder) -> None:
    (folder / "harmless.svgz").write_bytes(gzip.compress(HARMLESS.encode()))
    assert load_picture(folder, "harmless.svgz") is None


def test_a_packed_svg_that_unpacks_beyond_the_cap_is_not_shown(folder) -> None:
    # A zip bomb: a few kilobytes on disk, more than MAX_BYTES unpacked; unpacking stops at the cap.
    padding = b" " * (MAX_BYTES + 1 - len(HARMLESS))
    packed = gzip.compress(HARMLESS.encode()[:-6] + padding + b"</svg>")
    assert len(packed) < MAX_BYTES // 100
    (folder / "bomb.svg").write_bytes(packed)
    assert load_picture(folder, "bomb.svg") is None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        gzip.compress(HARMLESS.encode())[:-10],  # cut short
        gzip.compress(HARMLESS.encode()) * 2,  # a second member Qt might read differently
        gzip.compress(gzip.compress(HARMLESS.encode())),  # packed twice
        gzip.compress(HARMLESS.encode("latin-1").replace(b"&#233;", b"\xe9")),  # not UTF-8
        b"\x1f\x8b not gzip at all",
        HARMLESS.encode().replace(b"<title>", b"<title>\x00"),
        b"just words, no markup",
    ],
    ids=["empty", "cut", "two members", "packed twice", "latin-1", "bad gzip", "zero", "words"],
)
def test_a_broken_svg_is_not_shown_and_raises_nothing(folder, data) -> None:
    (folder / "broken.svg").write_bytes(data)
    assert load_picture(folder, "broken.svg") is None


WATCHED = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication, QPixmap
from massage_explorer.ui.details.picture import load_picture

app = QGuiApplication([])
folder = Path(sys.argv[2])
for name in sys.argv[3:]:
    if sys.argv[1] == "raw":  # as the picture was loaded before: the file's bytes straight to Qt
        pixmap = QPixmap()
        shown = pixmap.loadFromData((folder / name).read_bytes(), "SVG")
    else:
        shown = load_picture(folder, name) is not None
    print(name, "shown" if shown else "refused")
"""


def watch_opens(how: str, folder: Path, names: list[str], log: Path) -> tuple[str, list[str]]:
    """Every file the child opened (strace's log) and what it did with each picture."""
    assert STRACE is not None
    root = Path(__file__).resolve().parents[3]  # the checkout, so the child imports this code
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    watch = [STRACE, "-f", "-qq", "-e", "trace=open,openat", "-o", str(log)]
    done = subprocess.run(
        [*watch, sys.executable, "-c", WATCHED, how, str(folder), *names],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return log.read_text(errors="replace"), done.stdout.splitlines()


@pytest.mark.skipif(STRACE is None, reason="strace is not installed (Debian package strace)")
def test_no_hostile_picture_makes_qt_open_a_file_outside_the_catalogs_folder(
    folder, secret, tmp_path
) -> None:
    # Qt opens files in C++, out of sight of Python's audit hooks: strace watches the system calls.
    pictures = hostile(secret)
    for name, data in pictures.items():
        (folder / name).write_bytes(data)
    (folder / "harmless.svg").write_text(HARMLESS, encoding="utf-8")
    names = [*pictures, "harmless.svg"]

    # The watch can see it: handed the raw packed file, as before, Qt opens the outside file.
    opened, told = watch_opens("raw", folder, ["packed.svg"], tmp_path / "raw.log")
    assert told == ["packed.svg shown"]
    assert str(secret) in opened, "strace saw no open of the outside file: this test proves nothing"

    opened, told = watch_opens("load_picture", folder, names, tmp_path / "checked.log")
    assert f'"{folder}' in opened  # the watch saw the catalog's pictures being read
    assert [line for line in opened.splitlines() if str(secret.parent) in line] == []
    assert told == [f"{name} refused" for name in pictures] + ["harmless.svg shown"]
