#!/usr/bin/env python3
"""The restore screen in a real browser (headless Debian chromium + chromedriver).

Walks the technician's path on the demo store served by `resgate ui`:
open the page, see the tables, right-click -> select all, choose a backup, verify it,
compare into a sandbox, restore (confirming), read "Processamento efetuado.", undo.
Saves a screenshot of the main screen. Then opens a second server on a folder of 300
tables with 40-character names and checks that nothing overflows at 1366x768.

usage: test_ui.py MAIN_URL DATA_FOLDER SCREENSHOT [WIDE_URL]
"""
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
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


def main_path(d, url, data, shot):
    step("open the page and see the tables")
    d.get(url)
    wait(d, lambda d: len(rows(d)) >= 10, "the table list")
    names = [r.get_attribute("data-table") for r in rows(d)]
    assert "VENDAS" in names and "CLIENTES" in names, names
    assert "damaged" in row(d, "VENDAS").get_attribute("class"), "the corrupted VENDAS shows as damaged"
    assert row(d, "CLIENTES").find_element(By.CSS_SELECTOR, "td.num").text.strip() not in ("", "–")
    assert "Última alteração" in d.find_element(By.ID, "tables").text

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

    step("Restaurar backup: confirm, then read the ERP's messages")
    d.find_element(By.ID, "restore").click()
    confirm = d.find_element(By.ID, "confirm-dialog")
    wait(d, lambda d: confirm.is_displayed(), "the confirmation")
    listed = confirm.find_element(By.ID, "confirm-body").text
    assert "VENDAS" in listed and "CLIENTES" in listed, listed
    assert "APAGADOS" in confirm.text
    assert "Simulação" in d.find_element(By.ID, "messages").text, "the preview said it writes nothing"
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
    assert "Conferência da loja" in result and "mod 65" in result, "the post-restore check, NFC-e sequence included"
    assert d.find_elements(By.CSS_SELECTOR, "#bars .bar-row.done")

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

    step("English switch")
    d.find_element(By.ID, "lang-en").click()
    assert "Restore backup" in d.find_element(By.ID, "restore").text
    assert "Last change" in d.find_element(By.ID, "tables").text
    d.find_element(By.ID, "lang-pt").click()
    assert "Restaurar backup" in d.find_element(By.ID, "restore").text


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


def main():
    url, data, shot = sys.argv[1], sys.argv[2], sys.argv[3]
    d = browser()
    try:
        main_path(d, url, data, shot)
        if len(sys.argv) > 4:
            wide_path(d, sys.argv[4])
    finally:
        d.quit()
    print("browser test passed", flush=True)


if __name__ == "__main__":
    main()
