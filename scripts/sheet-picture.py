#!/usr/bin/python3
"""Remakes docs/images/sheet-calc.png: the data-entry workbook `tiankong sheet` writes, open in LibreOffice
Calc, with a wrong month (13) typed in and Calc's Tools ▸ Detective ▸ Mark Invalid Data circling it.

    /usr/bin/python3 scripts/sheet-picture.py [path/to/tiankong]     (default .build/debug/tiankong)

Calc runs headless (the Debian packages libreoffice-calc-nogui and python3-uno, and poppler-utils'
pdftoppm); the script drives it over UNO: it opens the workbook, types the rows, marks invalid data
(XSheetAuditing.showInvalid, what the menu item calls), sizes a page to the rows shown, exports it as
PDF and renders that page as PNG. Run it with Debian's python3, which has the uno module.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "Tests" / "Fixtures" / "batch" / "评议"
OUT = ROOT / "docs" / "images" / "sheet-calc.png"
# What two units typed: the second wrote 13 for its month.
ROWS = [("机关一支部", 6, 4, "好"), ("机关二支部", 7, 13, "较好"), ("后勤支部", 12, 11, "一般")]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, soffice):
    """Calc's desktop over a pipe; waits up to a minute for soffice to listen."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:
            if soffice.poll() is not None:
                sys.exit(f"soffice ended ({soffice.returncode}) before it listened")
            time.sleep(0.5)
    sys.exit("soffice did not listen on its pipe within a minute")


def main():
    tiankong = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".build" / "debug" / "tiankong").resolve()
    with tempfile.TemporaryDirectory(prefix="tk-sheet-picture-") as work:
        work = pathlib.Path(work)
        for suffix in (".txt", ".tiankong.yaml"):
            shutil.copy(FIXTURE.with_name(FIXTURE.name + suffix), work / (FIXTURE.name + suffix))
        subprocess.run([str(tiankong), "sheet", FIXTURE.name + ".txt", "-o", "填报表.xlsx"], cwd=work, check=True,
                       env=dict(os.environ, LANG="zh_CN.UTF-8"))
        pipe = f"tkpicture{os.getpid()}"
        soffice = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
                                    "--nologo", f"--accept=pipe,name={pipe};urp;"], env=dict(os.environ, HOME=str(work)))
        try:
            desktop = connect(pipe, soffice)
            book = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(work / "填报表.xlsx")), "_blank", 0,
                                                (prop("Hidden", True),))
            sheet = book.Sheets.getByIndex(0)
            # Rows 4 on (0-based 3): the data rows under the header, the expectations and the hidden ids.
            for r, row in enumerate(ROWS, start=3):
                for c, value in enumerate(row):
                    cell = sheet.getCellByPosition(c, r)
                    if isinstance(value, int):
                        cell.setValue(value)
                    else:
                        cell.setString(value)
            # Calc read the month column's rule as the workbook gives it: whole numbers 1–12, stopped with
            # the wizard's message.
            rule = sheet.getCellByPosition(2, 3).Validation
            got = (rule.Type.value, rule.getFormula1(), rule.getFormula2(), rule.ShowErrorMessage, rule.ErrorAlertStyle.value, rule.ErrorMessage)
            assert got == ("WHOLE", "1", "12", True, "STOP", "月份应在 1–12 之间"), got
            sheet.showInvalid()
            last_row = 3 + len(ROWS) - 1
            area = sheet.getCellRangeByPosition(0, 0, 3, last_row).RangeAddress
            sheet.setPrintAreas((area,))
            # A page the size of the rows shown (1/100 mm), with a thin margin.
            width = sum(sheet.Columns.getByIndex(c).Width for c in range(4))
            height = sum(sheet.Rows.getByIndex(r).Height for r in range(last_row + 1) if sheet.Rows.getByIndex(r).IsVisible)
            style = book.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
            margin = 300
            style.HeaderIsOn = False
            style.FooterIsOn = False
            for side in ("LeftMargin", "RightMargin", "TopMargin", "BottomMargin"):
                setattr(style, side, margin)
            # Room for Calc's row and column headers too (about 1 cm and half of one).
            style.Width = width + 2 * margin + 1000
            style.Height = height + 2 * margin + 500
            style.ScaleToPagesX = 1
            style.ScaleToPagesY = 1
            style.PrintGrid = True
            style.PrintHeaders = True
            style.CenterHorizontally = False
            pdf = work / "sheet.pdf"
            book.storeToURL(uno.systemPathToFileUrl(str(pdf)), (prop("FilterName", "calc_pdf_Export"),))
            book.close(True)
        finally:
            try:
                desktop.terminate()
            except Exception:
                pass
            try:
                soffice.wait(timeout=30)
            except subprocess.TimeoutExpired:
                soffice.kill()
        subprocess.run(["pdftoppm", "-png", "-r", "144", "-singlefile", str(pdf), str(work / "sheet")], check=True)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "sheet.png", OUT)
    print(f"written: {OUT}")


if __name__ == "__main__":
    main()
