"""Build the one-folder 工会台账 bundle with PyInstaller, then smoke-test it.

    python packaging/build.py                      # build into dist/, test, print `bundle: PATH SIZE_MB`
    python packaging/build.py --smoke-only FOLDER  # test a bundle that was built (or copied) earlier

The smoke test (bundle_smoke.py beside this file) runs --help, demo, stats --json, report, export
and the window offscreen. Exit 0 only when every step passes; the last line is `bundle: PATH SIZE_MB`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from bundle_smoke import app_version, bundle_size_mb, smoke  # beside this script

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "union_ledger.spec"
WINDOWS = sys.platform == "win32"
BUNDLE_NAME = "工会台账" if WINDOWS else "union-ledger"


def make_icon(folder: Path) -> Path:
    """The icon: a red seal with 工 in the bundled WenQuanYi font, as .png and multi-size .ico."""
    from PIL import Image, ImageDraw, ImageFont

    size = 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, size - 8, size - 8), radius=48, fill=(196, 30, 36, 255))
    draw.rounded_rectangle(
        (26, 26, size - 26, size - 26), radius=34, outline=(255, 236, 200, 255), width=8
    )
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"), 170)
    draw.text((size / 2, size / 2 + 4), "工", font=font, fill=(255, 236, 200, 255), anchor="mm")
    folder.mkdir(parents=True, exist_ok=True)
    image.save(folder / "icon.png")
    ico = folder / "icon.ico"
    image.save(
        ico, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    )
    return ico


def write_version_file(folder: Path, version: str) -> Path:
    """The Windows version resource (文件属性 → 详细信息), in PyInstaller's VSVersionInfo form."""
    numbers = [int(part) if part.isdigit() else 0 for part in version.split(".")[:4]]
    numbers += [0] * (4 - len(numbers))
    strings = {
        "CompanyName": "工会台账",
        "FileDescription": "工会台账（县总工会台账管理）",
        "FileVersion": version,
        "InternalName": "union-ledger",
        "OriginalFilename": "工会台账.exe",
        "ProductName": "工会台账",
        "ProductVersion": version,
    }
    table = ",\n".join(f"      StringStruct({key!r}, {value!r})" for key, value in strings.items())
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple(numbers)}, prodvers={tuple(numbers)}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
{table}
    ])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])]),
  ]
)
"""
    path = folder / "version_info.txt"
    path.write_text(text, encoding="utf-8")
    return path


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; the bundle folder it made."""
    icon = make_icon(work)
    version_file = write_version_file(work, app_version())
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
        "--",
        "--icon",
        str(icon),
        "--version-file",
        str(version_file),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / BUNDLE_NAME


def _missing_tools(need_pyinstaller: bool) -> str | None:
    """What the build lacks, said plainly, instead of a traceback from deep inside PyInstaller."""
    from importlib.metadata import PackageNotFoundError
    from importlib.util import find_spec

    try:
        app_version()
    except PackageNotFoundError:
        return "工会台账没有安装到这个 Python 中（打包要用它的版本号）"
    if need_pyinstaller and find_spec("PyInstaller") is None:
        return "没有安装 PyInstaller"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="打包工会台账（PyInstaller 单文件夹）并做冒烟测试")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="打包结果放在这里")
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller 的工作目录（保留它，下次打包更快）",
    )
    parser.add_argument(
        "--smoke-only", type=Path, metavar="FOLDER", help="不打包，只测试这个文件夹"
    )
    parser.add_argument("--window-seconds", type=float, default=5.0, help="窗口要坚持运行的秒数")
    args = parser.parse_args(argv)

    missing = _missing_tools(need_pyinstaller=not args.smoke_only)
    if missing:
        print(f'{missing}：请先在项目文件夹中运行 pip install -e ".[build]"', file=sys.stderr)
        return 2
    if args.smoke_only:
        bundle = args.smoke_only.resolve()
    else:
        started = time.monotonic()
        bundle = build(args.dist.resolve(), args.work.resolve())
        print(f"打包用时 {time.monotonic() - started:.0f} 秒", flush=True)
    passed = smoke(bundle, args.window_seconds)
    print(f"bundle: {bundle} {bundle_size_mb(bundle):.1f}", flush=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
