#!/usr/bin/env python3
"""The restore screen in a real browser (headless Debian chromium + chromedriver).

Walks the technician's path on the demo store served by `resgate ui`:
open the page, see the tables, right-click -> select all, choose a backup, verify it,
compare into a sandbox, restore (confirming), read "Processamento efetuado.", undo.
Saves a screenshot of the main screen, and one of the backup chooser browsing a folder
(ui-chooser-browse.png, beside it). Then opens a second server on a folder of 300
tables with 40-character names and checks that nothing overflows at 1366x768.

Then, on a third server with a VENDAS of 600,000 records, sees the preview read's percent and
time left at the top and under the table's bar.

usage: test_ui.py MAIN_URL DATA_FOLDER SCREENSHOT [WIDE_URL [BIG_URL]]
"""
import fcntl
import re
import os
import sys
import time
import urllib.request
import zipfile

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

STEP_TIMEOUT = 90


def browser():
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--window-size=1366,768", "--lang=pt-BR", "--force-device-scale-factor=1"):
        opts.add_argument(a)
    binary = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if os.path.exists(binary):
        opts.binary_location = binary
    driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    service = Service(driver_path) if os.path.exists(driver_path) else Service()
    d = webdriver.Chrome(options=opts, service=service)
    d.set_window_size(1366, 768)
    # the page itself gets 1366x768, whatever the window's frame takes
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False})
    return d


def step(name):
    print("-", name, flush=True)


def wait(d, cond, what):
    try:
        return WebDriverWait(d, STEP_TIMEOUT).until(cond)
    except TimeoutException:
        d.save_screenshot("/tmp/resgate-browser-failure.png")
        banner = d.find_element(By.ID, "banner").text
        raise AssertionError(f"timed out waiting for {what}; banner: {banner!r}; "
                             f"messages: {d.find_element(By.ID, 'messages').text!r}")


def text_in(element_id, text):
    return lambda d: text in d.find_element(By.ID, element_id).text


def rows(d):
    return d.find_elements(By.CSS_SELECTOR, "#table-body tr[data-table]")


def row(d, name):
    return d.find_element(By.CSS_SELECTOR, f'#table-body tr[data-table="{name}"]')


def wait_idle(d):
    wait(d, lambda d: not d.find_element(By.ID, "busy").is_displayed(), "the operation to end")


ENGLISH_LEAKS = ("flock", "whole-file", "held by", "lock held", "open-file lock", "--skip-bad-lines", "--blank-memos")


def make_damaged_set(backups):
    """Sexta_07.zip: Quinta_07.zip with two broken CLIENTES lines and no manifest."""
    src, dst = os.path.join(backups, "Quinta_07.zip"), os.path.join(backups, "Sexta_07.zip")
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            if info.filename.lower() == "manifest.json":
                continue
            data = zi.read(info.filename)
            if info.filename.upper() == "CLIENTES.TXT":
                lines = data.split(b"\n")
                lines[2] = b'3,"Ana Patr'
                lines[4] = b"x;;;"
                data = b"\n".join(lines)
            zo.writestr(info, data)


def extra_shot(d, name):
    """RESGATE_SHOTS_DIR: more screenshots (the refusal, the damaged-backup dialog) to look at."""
    folder = os.environ.get("RESGATE_SHOTS_DIR")
    if folder:
        d.save_screenshot(os.path.join(folder, name))


def chooser_shot(d, shot):
    """docs/ui-chooser-browse.png (beside the main screenshot): the chooser browsing a folder."""
    browse = d.find_element(By.ID, "browse")
    assert "Procurar em outra pasta ou .zip" in browse.text
    assert "Usar esta pasta" in browse.text and "Pasta acima" in browse.text
    uses = [b.text for b in d.find_elements(By.CSS_SELECTOR, "#browse-body button.use-browsed")]
    assert uses and all(u == "Usar" for u in uses), uses
    kinds = [k.text for k in d.find_elements(By.CSS_SELECTOR, "#browse-body .browse-kind")]
    assert kinds and set(kinds) <= {"pasta", "zip"}, kinds
    d.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    time.sleep(0.3)
    d.save_screenshot(os.path.join(os.path.dirname(os.path.abspath(shot)), "ui-chooser-browse.png"))


def active_id(d):
    return d.execute_script("return document.activeElement && (document.activeElement.id || document.activeElement.getAttribute('aria-label'))")


def keyboard_path(d):
    step("keyboard: Tab reaches Selecionar backup without walking every table")
    d.find_element(By.ID, "filter").click()
    seen = []
    for _ in range(12):
        ActionChains(d).send_keys(Keys.TAB).perform()
        seen.append(active_id(d))
        if seen[-1] == "choose-backup":
            break
    assert seen[-1] == "choose-backup", f"Tab stops: {seen}"
    assert len(seen) <= 8, f"too many Tab stops before Selecionar backup: {seen}"

    step("keyboard: arrows move in the list, Shift+F10 opens the menu")
    first = rows(d)[0].find_element(By.CSS_SELECTOR, "input[type=checkbox]")
    d.execute_script("arguments[0].focus()", first)
    ActionChains(d).send_keys(Keys.ARROW_DOWN).perform()
    second = rows(d)[1].get_attribute("data-table")
    assert active_id(d) == second, (active_id(d), second)
    ActionChains(d).key_down(Keys.SHIFT).send_keys(Keys.F10).key_up(Keys.SHIFT).perform()
    menu = d.find_element(By.ID, "context-menu")
    wait(d, lambda d: menu.is_displayed(), "the menu from the keyboard")
    assert d.execute_script("return document.activeElement.dataset.action") == "all"
    ActionChains(d).send_keys(Keys.ENTER).perform()
    boxes = d.find_elements(By.CSS_SELECTOR, "#table-body tr[data-table] input[type=checkbox]")
    assert all(b.is_selected() for b in boxes), "Enter on Selecionar todas selected every table"
    assert not menu.is_displayed()
    ActionChains(d).key_down(Keys.SHIFT).send_keys(Keys.F10).key_up(Keys.SHIFT).perform()
    wait(d, lambda d: menu.is_displayed(), "the menu again")
    ActionChains(d).send_keys(Keys.ARROW_DOWN).send_keys(Keys.ENTER).perform()
    assert not any(b.is_selected() for b in d.find_elements(By.CSS_SELECTOR, "#table-body input[type=checkbox]"))


def no_cut_cells(d, where):
    cut = d.execute_script(
        "return [...document.querySelectorAll(arguments[0] + ' td')]"
        ".filter(td => td.scrollWidth > td.clientWidth + 1 && !td.title).map(td => td.textContent)", where)
    assert not cut, f"text cut off with no title in {where}: {cut[:3]}"


def main_path(d, url, data, shot):
    step("open the page and see the tables")
    d.get(url)
    wait(d, lambda d: len(rows(d)) >= 10, "the table list")
    names = [r.get_attribute("data-table") for r in rows(d)]
    assert "VENDAS" in names and "CLIENTES" in names, names
    assert "damaged" in row(d, "VENDAS").get_attribute("class"), "the corrupted VENDAS shows as damaged"
    assert row(d, "CLIENTES").find_element(By.CSS_SELECTOR, "td.num").text.strip() not in ("", "–")
    assert "Última alteração" in d.find_element(By.ID, "tables").text
    keyboard_path(d)

    step("expand VENDAS's defects")
    row(d, "VENDAS").find_element(By.CSS_SELECTOR, "button.badge").click()
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, "tr.defects-row li"), "VENDAS's defects")

    step("right-click -> Selecionar todas")
    ActionChains(d).context_click(d.find_element(By.ID, "table-wrap")).perform()
    menu = d.find_element(By.ID, "context-menu")
    wait(d, lambda d: menu.is_displayed(), "the context menu")
    assert "Selecionar todas" in menu.text and "Limpar seleção" in menu.text
    menu.find_element(By.CSS_SELECTOR, 'li[data-action="all"]').click()
    boxes = d.find_elements(By.CSS_SELECTOR, "#table-body tr[data-table] input[type=checkbox]")
    assert boxes and all(b.is_selected() for b in boxes), "every table selected"
    assert f"{len(boxes)} de {len(boxes)}" in d.find_element(By.ID, "selection-summary").text

    step("Limpar seleção, then select all again")
    ActionChains(d).context_click(d.find_element(By.ID, "table-wrap")).perform()
    menu.find_element(By.CSS_SELECTOR, 'li[data-action="none"]').click()
    assert not any(b.is_selected() for b in d.find_elements(By.CSS_SELECTOR, "#table-body input[type=checkbox]"))
    ActionChains(d).context_click(d.find_element(By.ID, "table-wrap")).perform()
    menu.find_element(By.CSS_SELECTOR, 'li[data-action="all"]').click()

    step("Selecionar backup")
    d.find_element(By.ID, "choose-backup").click()
    dialog = d.find_element(By.ID, "backup-dialog")
    wait(d, lambda d: dialog.is_displayed() and dialog.find_elements(By.CSS_SELECTOR, "tr[data-set]"), "the backup list")
    sets = [r.get_attribute("data-set") for r in dialog.find_elements(By.CSS_SELECTOR, "tr[data-set]")]
    assert "Quinta_07.zip" in sets and "Quarta_19.zip" in sets, sets
    assert "Quinta_07 = quinta-feira, 07h" in dialog.text, "the set names are explained"
    assert "quinta-feira, 07h" in dialog.find_element(By.CSS_SELECTOR, 'tr[data-set="Quinta_07.zip"]').text
    dialog.find_element(By.CSS_SELECTOR, 'tr[data-set="Quinta_07.zip"]').click()
    assert dialog.find_element(By.CSS_SELECTOR, 'tr[data-set="Quinta_07.zip"] input').is_selected()
    d.find_element(By.ID, "backup-use").click()
    wait(d, text_in("chosen-set", "Quinta_07"), "the chosen backup")

    step("Verificar backup")
    d.find_element(By.ID, "verify").click()
    wait(d, text_in("result-title", "Verificação do backup"), "the verification")
    wait_idle(d)
    assert "Nenhum defeito encontrado." in d.find_element(By.ID, "result-body").text
    wait(d, text_in("chosen-set", "verificado, sem defeitos"), "the verified mark")

    step("Comparar (restore into a sandbox)")
    d.find_element(By.ID, "compare").click()
    wait(d, text_in("result-title", "Comparação"), "the comparison")
    wait_idle(d)
    body = d.find_element(By.ID, "result-body").text
    sandbox = d.find_element(By.CSS_SELECTOR, "#result-body code").text
    assert sandbox.startswith(os.path.join(data, ".resgate", "sandbox")), sandbox
    assert os.path.exists(os.path.join(sandbox, "VENDAS.DBF")) or os.path.exists(os.path.join(sandbox, "vendas.dbf"))
    assert "só no backup" in body and "só nos dados" in body
    assert d.find_elements(By.CSS_SELECTOR, '#result-body .diff[data-diff="VENDAS"]')
    assert "Comparação pronta" in d.find_element(By.ID, "result-title").text
    assert "restaurada" not in body, "a comparison restores nothing into DATA"
    messages = d.find_element(By.ID, "messages").text
    assert "Processamento efetuado." not in messages, messages
    assert messages.strip().endswith("Comparação pronta."), messages

    step("a table held by the ERP: refused in Portuguese, marked, Tentar novamente")
    live = [f for f in os.listdir(data) if f.upper() == "CLIENTES.DBF"][0]
    holder = open(os.path.join(data, live), "rb")
    fcntl.flock(holder, fcntl.LOCK_EX)
    d.find_element(By.ID, "rescan").click()
    wait(d, lambda d: "em uso pelo ERP" in row(d, "CLIENTES").text, "CLIENTES marked as in use")
    d.find_element(By.ID, "restore").click()
    refusal = d.find_element(By.ID, "refusal")
    wait(d, lambda d: refusal.is_displayed(), "the refusal banner")
    wait_idle(d)
    text = refusal.text
    assert "Restauração recusada" in text and "Nada foi alterado" in text, text
    assert "CLIENTES" in text and "em uso pelo ERP" in text, text
    for leak in ENGLISH_LEAKS:
        assert leak not in text and leak not in d.find_element(By.ID, "result-body").text, (leak, text)
    others = [l for l in text.splitlines() if l.startswith("Não restauradas porque outra tabela foi recusada")]
    assert others and "VENDAS" in others[0] and "CAIXA" in others[0], f"every refused table says why: {text}"
    assert "Processamento efetuado." not in d.find_element(By.ID, "messages").text
    assert not d.find_elements(By.CSS_SELECTOR, "#bars .bar-row.done"), "no green bar when nothing was written"
    after = [td.text for td in d.find_elements(By.CSS_SELECTOR, "#result-body table.grid tbody tr td:nth-child(4)")]
    assert after and all(a == "—" for a in after), after
    no_cut_cells(d, "#result-body")
    extra_shot(d, "ui-refusal-lock.png")
    retry = d.find_element(By.ID, "retry")
    assert retry.is_displayed() and "Tentar novamente" in retry.text
    fcntl.flock(holder, fcntl.LOCK_UN)
    holder.close()

    step("Restaurar backup (Tentar novamente): confirm, then read the ERP's messages")
    retry.click()
    confirm = d.find_element(By.ID, "confirm-dialog")
    wait(d, lambda d: confirm.is_displayed(), "the confirmation")
    listed = confirm.find_element(By.ID, "confirm-body").text
    assert "VENDAS" in listed and "CLIENTES" in listed, listed
    assert "Simulação" in d.find_element(By.ID, "messages").text, "the preview said it writes nothing"
    assert "Simulação concluída" in d.find_element(By.ID, "messages").text
    assert "Calculando a restauração sem perder" in d.find_element(By.ID, "messages").text, "the merge's dry run ran"
    assert "Processamento efetuado." not in d.find_element(By.ID, "messages").text
    assert not d.find_element(By.ID, "damaged-options").is_displayed()
    merge_dialog(d, confirm, data, shot)
    d.find_element(By.ID, "confirm-yes").click()
    wait(d, text_in("result-title", "Restauração"), "the restore summary")
    wait_idle(d)
    messages = d.find_element(By.ID, "messages").text
    assert "Simulação" not in messages, f"these are the real restore's messages: {messages}"
    assert messages.index("Processando TABELAS") < messages.index("Incluindo registros nas tabelas") \
        < messages.index("Processamento efetuado."), messages
    assert messages.strip().endswith("Processamento efetuado."), messages
    wait(d, lambda d: "damaged" not in row(d, "VENDAS").get_attribute("class"), "VENDAS healthy after the restore")
    result = d.find_element(By.ID, "result-body").text
    assert "restaurada" in result
    merge_result(d, data)
    assert "Processamento efetuado." in d.find_element(By.ID, "result-title").text
    assert "Conferência da loja" in result and "NFC-e série 1" in result, "the post-restore check, NFC-e sequence included"
    assert "mod 65" not in result, result
    assert d.find_elements(By.CSS_SELECTOR, "#bars .bar-row.done")
    first = d.find_element(By.CSS_SELECTOR, "#result-body > *:first-child")
    assert first.get_attribute("id") == "result-verdict", "the numbering verdict comes first"
    verdict = d.find_element(By.ID, "verdict")
    assert verdict.is_displayed() and verdict.location["y"] < 120, "the verdict is at the top"
    assert "CNPJ 12.345.678/0001-95" in verdict.text and "NFC-e série 1" in verdict.text, verdict.text
    assert "próxima nota" in verdict.text, verdict.text
    step("the printable report")
    link = d.find_element(By.ID, "report-link").get_attribute("href")
    html = urllib.request.urlopen(link).read().decode("utf-8")
    assert "Relatório de restauração de backup" in html and "Quinta_07" in html, html[:300]
    assert "5º passo" in html and "As vendas baixam corretamente" in html and "Entradas de notas fiscais" in html
    assert "restaurada sem perder o que foi feito depois do backup" in html, "the report says it was a merge"
    assert "40 do backup + 10 da tabela atual" in html and "nº 45" in html, "with VENDAS's counts and its unreadable record"
    assert "NFC-e série 1" in html and "12.345.678/0001-95" in html
    saved = [f for f in os.listdir(os.path.join(data, ".resgate", "relatorios")) if f.startswith("restauracao-")]
    assert saved, "the report is saved under DATA/.resgate/relatorios"

    step("screenshot of the main screen")
    time.sleep(1)  # let the smooth scroll to the results finish first
    d.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    time.sleep(0.3)
    assert d.execute_script("return window.scrollY") == 0
    d.save_screenshot(shot)

    step("Desfazer")
    d.find_element(By.ID, "undo").click()
    undo = d.find_element(By.ID, "undo-dialog")
    wait(d, lambda d: undo.is_displayed() and undo.find_elements(By.CSS_SELECTOR, "button.undo-one"), "the undo list")
    first = [b for b in undo.find_elements(By.CSS_SELECTOR, "button.undo-one") if b.is_enabled()][0]
    first.click()
    WebDriverWait(d, 10).until(EC.alert_is_present()).accept()
    wait(d, text_in("result-body", "Tabelas devolvidas"), "the undo")
    wait_idle(d)
    wait(d, lambda d: "damaged" in row(d, "VENDAS").get_attribute("class"), "VENDAS back as it was")

    step("a damaged backup: the choices in the confirmation, no command-line flags")
    make_damaged_set(os.path.join(os.path.dirname(data), "backup"))
    d.find_element(By.ID, "choose-backup").click()
    dialog = d.find_element(By.ID, "backup-dialog")
    wait(d, lambda d: dialog.find_elements(By.CSS_SELECTOR, 'tr[data-set="Sexta_07.zip"]'), "the damaged set")
    dialog.find_element(By.CSS_SELECTOR, 'tr[data-set="Sexta_07.zip"]').click()
    d.find_element(By.ID, "backup-use").click()
    d.find_element(By.ID, "verify").click()
    wait(d, text_in("chosen-set", "defeito"), "the defects found")
    wait_idle(d)
    restore = d.find_element(By.ID, "restore")
    assert "com defeitos" in restore.text and "damaged-set" in restore.get_attribute("class"), restore.text
    ActionChains(d).context_click(d.find_element(By.ID, "table-wrap")).perform()
    d.find_element(By.CSS_SELECTOR, '#context-menu li[data-action="all"]').click()
    restore.click()
    confirm = d.find_element(By.ID, "confirm-dialog")
    wait(d, lambda d: confirm.is_displayed(), "the damaged-backup dialog")
    options = d.find_element(By.ID, "damaged-options")
    assert options.is_displayed()
    text = confirm.text
    assert "Pular linhas com defeito" in text and "Deixar memos ilegíveis em branco" in text, text
    assert "NÃO voltam" in text and "ficam vazios" in text, "each choice says what it costs"
    assert "CLIENTES" in confirm.find_element(By.ID, "confirm-body").text
    for leak in ENGLISH_LEAKS:
        assert leak not in text, (leak, text)
    no_cut_cells(d, "#confirm-body")
    extra_shot(d, "ui-damaged-backup.png")
    yes = d.find_element(By.ID, "confirm-yes")
    assert not yes.is_enabled(), "nothing chosen yet"
    d.find_element(By.ID, "opt-skip-bad-lines").click()
    d.find_element(By.ID, "opt-blank-memos").click()
    assert yes.is_enabled()
    yes.click()
    wait(d, lambda d: confirm.is_displayed() and d.find_element(By.ID, "merge-options").is_displayed(),
         "the confirmation after reading again with the choices")
    # the live VENDAS has sales the backup lacks again: the merge is offered, checked; unchecked,
    # the dialog says plainly that the current records are deleted
    merge = d.find_element(By.ID, "opt-merge")
    assert merge.is_selected() and "Restaurar sem perder" in d.find_element(By.ID, "confirm-yes").text
    merge.click()
    wait(d, lambda d: "Apagar e restaurar" in d.find_element(By.ID, "confirm-yes").text, "the plain confirmation")
    assert "APAGADOS" in confirm.text
    assert d.find_element(By.ID, "opt-skip-bad-lines").is_selected()
    assert "defeito" in d.find_element(By.ID, "damaged-text").text
    d.find_element(By.ID, "confirm-no").click()

    step("English switch")
    d.find_element(By.ID, "lang-en").click()
    assert "Restore damaged backup" in d.find_element(By.ID, "restore").text, "the damaged set is still chosen"
    assert "Last change" in d.find_element(By.ID, "tables").text
    d.find_element(By.ID, "lang-pt").click()
    assert "Restaurar backup com defeitos" in d.find_element(By.ID, "restore").text

    step("Selecionar backup -> Procurar em outra pasta: any folder or zip of the machine")
    backups = os.path.join(os.path.dirname(data), "backup")
    d.find_element(By.ID, "choose-backup").click()
    dialog = d.find_element(By.ID, "backup-dialog")
    wait(d, lambda d: dialog.is_displayed(), "the chooser")
    browse = d.find_element(By.ID, "browse")
    browse.find_element(By.TAG_NAME, "summary").click()
    wait(d, lambda d: d.find_element(By.ID, "browse-path").text == backups, "the browser at the backup root")
    d.find_element(By.ID, "browse-up").click()
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, f'#browse-body tr[data-path="{backups}"]'), "the demo folder")
    kinds = {r.get_attribute("data-kind") for r in d.find_elements(By.CSS_SELECTOR, "#browse-body tr")}
    assert kinds <= {"folder", "zip"}, kinds
    d.find_element(By.CSS_SELECTOR, f'#browse-body tr[data-path="{backups}"] button.open-browsed').click()
    zip_path = os.path.join(backups, "Quinta_07.zip")
    wait(d, lambda d: d.find_elements(By.CSS_SELECTOR, f'#browse-body tr[data-path="{zip_path}"]'), "the zips")
    chooser_shot(d, shot)
    d.find_element(By.CSS_SELECTOR, f'#browse-body tr[data-path="{zip_path}"] button.use-browsed').click()
    wait(d, lambda d: not dialog.is_displayed(), "the chooser closed")
    wait(d, text_in("chosen-set", zip_path), "the browsed backup chosen by its path")
    d.find_element(By.ID, "verify").click()
    # the damaged set's verification is on the screen until this one ends: wait for its words
    wait(d, text_in("result-body", "Nenhum defeito encontrado."), "the verification of the browsed set")
    wait_idle(d)
    assert "Verificação do backup" in d.find_element(By.ID, "result-title").text


def merge_dialog(d, confirm, data, shot):
    """The option "Restaurar sem perder o que foi feito depois do backup": checked because the
    live VENDAS and ITENSVENDA have sales the 07h set lacks, with the merge dry run's counts."""
    step("the merge option: checked, with the counts of its dry run")
    options = d.find_element(By.ID, "merge-options")
    assert options.is_displayed(), "the merge option is offered"
    assert "Restaurar sem perder o que foi feito depois do backup" in options.text, options.text
    assert d.find_element(By.ID, "opt-merge").is_selected(), "checked: the live tables have newer records"
    assert d.find_element(By.ID, "merge-reason").text.startswith("Marcado"), d.find_element(By.ID, "merge-reason").text
    cells = lambda name: [td.text for td in d.find_elements(By.CSS_SELECTOR, f'#merge-body tr[data-merge="{name}"] td')]
    vendas = cells("VENDAS")
    # table, from backup, from live, conflicts, unreadable, key, note
    assert vendas[1:5] == ["40", "10", "0", "1"], vendas
    assert "NUMERO+SERIE" in vendas[5] and "resgate.toml" in vendas[5], vendas
    assert cells("ITENSVENDA")[1:3] == ["80", "24"], cells("ITENSVENDA")
    assert cells("ITENSVENDA")[5].startswith("sem chave"), cells("ITENSVENDA")
    assert cells("CLIENTES")[2] == "0" and "nada novo desde o backup" in cells("CLIENTES")[6], cells("CLIENTES")
    # the confirmation follows the option: nothing is simply deleted, the after column is the merge's
    assert "MAIS os registros legíveis da tabela atual" in confirm.text and "APAGADOS" not in confirm.text
    assert "Restaurar sem perder" in d.find_element(By.ID, "confirm-yes").text
    after = [tr.find_elements(By.TAG_NAME, "td") for tr in d.find_elements(By.CSS_SELECTOR, "#confirm-body tr")]
    assert any(c[0].text == "VENDAS" and c[2].text == "50" for c in after), [[x.text for x in c] for c in after]
    no_cut_cells(d, "#merge-body")
    d.execute_script("document.querySelector('#confirm-dialog').scrollTop = 0")
    d.save_screenshot(os.path.join(os.path.dirname(shot) or ".", "ui-restore-dialog.png"))
    step("unchecked, it is the plain restore again; checked back")
    d.find_element(By.ID, "opt-merge").click()
    assert "APAGADOS" in confirm.text and "Apagar e restaurar" in d.find_element(By.ID, "confirm-yes").text
    d.find_element(By.ID, "opt-merge").click()
    assert "Restaurar sem perder" in d.find_element(By.ID, "confirm-yes").text


def merge_result(d, data):
    """After the merge: its report per table, and VENDAS holds the 40 + 10 sales."""
    step("the merge's report in the result")
    box = d.find_element(By.ID, "merge-result")
    assert "Restaurado sem perder o que foi feito depois do backup" in box.text, box.text
    vendas = [td.text for td in box.find_elements(By.CSS_SELECTOR, 'tr[data-merge="VENDAS"] td')]
    assert vendas[1:5] == ["40", "10", "0", "1"] and "45" in vendas[6], vendas
    no_cut_cells(d, "#merge-result")
    d.execute_script("document.getElementById('merge-result').scrollIntoView({block: 'start', behavior: 'instant'})")
    extra_shot(d, "ui-merge-result.png")
    live = [f for f in os.listdir(data) if f.upper() == "VENDAS.DBF"][0]
    with open(os.path.join(data, live), "rb") as f:
        assert int.from_bytes(f.read(8)[4:8], "little") == 50, "VENDAS: the 40 backed-up sales and the 10 made since"


def wide_path(d, url):
    step("300 tables with 40-character names at 1366x768")
    d.get(url)
    wait(d, lambda d: len(rows(d)) >= 300, "300 tables")
    overflow = d.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelector('.tables-panel').getBoundingClientRect().right,"
        " document.querySelector('.side').getBoundingClientRect().left]")
    page_width, window_width, tables_right, side_left = overflow
    assert page_width <= window_width, f"horizontal overflow: {overflow}"
    assert tables_right <= side_left, f"the table list runs under the side panel: {overflow}"
    if os.environ.get("RESGATE_WIDE_SCREENSHOT"):
        d.save_screenshot(os.environ["RESGATE_WIDE_SCREENSHOT"])
    clipped = d.execute_script(
        "return [...document.querySelectorAll('#table-body td.name')]"
        ".filter(td => td.scrollWidth > td.clientWidth).map(td => td.textContent)")
    assert not clipped, f"names cut off: {clipped[:3]}"
    names = d.find_elements(By.CSS_SELECTOR, "#table-body tr[data-table] td.name")
    assert max(len(n.get_attribute("textContent")) for n in names) >= 40


def progress_path(d, url, shot):
    step("the preview read of 600,000 records shows percent and time left")
    d.get(url)
    wait(d, lambda d: rows(d), "the big table")
    assert d.find_element(By.ID, "table-counts").text == "1 tabela · 0 danificadas", "singular for one table"
    row(d, "VENDAS").click()
    d.find_element(By.ID, "choose-backup").click()
    dialog = d.find_element(By.ID, "backup-dialog")
    wait(d, lambda d: dialog.find_elements(By.CSS_SELECTOR, 'tr[data-set="Quinta_07.zip"]'), "the big set")
    dialog.find_element(By.CSS_SELECTOR, 'tr[data-set="Quinta_07.zip"]').click()
    d.find_element(By.ID, "backup-use").click()
    d.find_element(By.ID, "restore").click()
    seen = {"top": None, "bar": None}

    def figures(d):
        top = d.find_element(By.ID, "busy-text").text
        if "faltam" in top:
            seen["top"] = top
        bars = [w.text for w in d.find_elements(By.CSS_SELECTOR, "#bars .bar-words")]
        if any("faltam" in b for b in bars):
            seen["bar"] = [b for b in bars if "faltam" in b][0]
        return seen["top"] and seen["bar"]

    WebDriverWait(d, STEP_TIMEOUT, poll_frequency=0.05).until(figures, "percent and time left while the backup is read")
    d.save_screenshot(os.path.join(os.path.dirname(os.path.abspath(shot)), "ui-preview-progress.png"))
    pattern = r"\d{1,3}% \([0-9.]+ de 600\.000 registros\), faltam [0-9 hmins]+"
    assert re.search(r"^Lendo o backup… VENDAS: " + pattern + "$", seen["top"]), seen
    assert re.search("^" + pattern + "$", seen["bar"]), seen
    confirm = d.find_element(By.ID, "confirm-dialog")
    wait(d, lambda d: confirm.is_displayed(), "the confirmation after the preview")
    assert "600.000" in confirm.find_element(By.ID, "confirm-body").text
    assert not d.find_elements(By.CSS_SELECTOR, "#bars .bar-words:not(:empty)"), "the figures go when the table is read"
    assert "ok · " not in row(d, "VENDAS").text, "the generated table is clean"
    d.find_element(By.ID, "confirm-no").click()


def main():
    url, data, shot = sys.argv[1], sys.argv[2], sys.argv[3]
    d = browser()
    try:
        main_path(d, url, data, shot)
        if len(sys.argv) > 4:
            wide_path(d, sys.argv[4])
        if len(sys.argv) > 5:
            progress_path(d, sys.argv[5], shot)
    finally:
        d.quit()
    print("browser test passed", flush=True)


if __name__ == "__main__":
    main()
