/// The command line's help (swift-argument-parser's abstracts, option help, validation
/// messages), keyed by its English text: the commands write `H("English text")` and the
/// language chosen at start-up (`--lang`, else the environment) picks the words. Each key
/// lacking from `HelpText.portuguese` shows in English, which the CLI test of English
/// leaks (`PortugueseByDefaultTests`) catches.
public enum HelpText {
    public static func text(_ english: String, in language: Language) -> String {
        language == .pt ? (portuguese[english] ?? english) : english
    }

    /// The parser's own words in its help and error output ("USAGE:", "OPTIONS:",
    /// "Error:", "(default: …)", "Missing expected argument …"), put into Portuguese.
    public static func parserOutput(_ s: String, in language: Language) -> String {
        guard language == .pt else { return s }
        var out = s
        for (en, pt) in parserWords { out = out.replacingOccurrences(of: en, with: pt) }
        for (en, pt) in valueNames { out = renamed(out, en, pt) }
        return out
    }

    /// Replaces a value name (`<set>`) keeping the help's columns: where the name is
    /// followed by padding, the padding shrinks or grows by the difference.
    static func renamed(_ s: String, _ en: String, _ pt: String) -> String {
        let diff = pt.count - en.count
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: en) {
            out += rest[..<r.lowerBound] + pt
            rest = rest[r.upperBound...]
            let spaces = rest.prefix { $0 == " " }.count
            if spaces >= 2 {
                let keep = max(1, spaces - diff)
                out += String(repeating: " ", count: keep)
                rest = rest.dropFirst(spaces)
            }
        }
        return out + rest
    }

    /// The parser names values after the properties (English): the Portuguese names.
    static let valueNames: [(String, String)] = [
        ("<set>", "<backup>"), ("<table>", "<tabela>"), ("<data>", "<dados>"), ("<into>", "<pasta>"),
        ("<cache>", "<pasta>"), ("<root>", "<raiz>"), ("<key>", "<campos>"), ("<limit>", "<n>"),
        ("<format>", "<formato>"), ("<target>", "<alvo>"), ("<name>", "<nome>"), ("<to>", "<destino>"),
        ("<config>", "<arquivo>"), ("<xml>", "<pasta-xml>"), ("<dir>", "<pasta>"), ("<examples>", "<n>"),
        ("<lang>", "<idioma>"), ("<keep>", "<n>"), ("<backups>", "<pasta>"), ("<port>", "<porta>"),
        ("<host>", "<endereço>"), ("<store>", "<loja>"), ("<remotes>", "<padrão>"), ("<jobs>", "<n>"),
        ("<timeout>", "<segundos>"), ("<textfile>", "<arquivo>"), ("<backup-date>", "<data>"),
        ("<defects-file>", "<arquivo>"), ("<just>", "<justificativa>"), ("<out>", "<pasta>"),
    ]

    static let parserWords: [(String, String)] = [
        ("OVERVIEW:", "RESUMO:"),
        ("USAGE:", "USO:"),
        ("Usage:", "Uso:"),
        ("\nARGUMENTS:", "\nARGUMENTOS:"),
        ("\nOPTIONS:", "\nOPÇÕES:"),
        ("\nSUBCOMMANDS:", "\nCOMANDOS:"),
        ("Show help information.", "Mostra esta ajuda."),
        ("(default:", "(padrão:"),
        ("[<options>]", "[<opções>]"),
        ("<subcommand>", "<comando>"),
        ("for detailed help.", "para a ajuda de cada comando."),
        ("for more information.", "para mais informações."),
        ("See '", "Veja '"),
        ("Error: ", "Erro: "),
        ("Help:  ", "Ajuda: "),
        ("Missing expected argument", "Falta o argumento"),
        ("Missing value for", "Falta o valor de"),
        ("Missing one of:", "Falta um destes:"),
        ("Unknown option", "Opção desconhecida"),
        ("Unexpected argument", "Argumento inesperado"),
        ("unexpected arguments", "argumentos inesperados"),
        ("Invalid option:", "Opção inválida:"),
        ("Missing required subcommand.", "Falta o comando."),
        ("is invalid for", "é inválido para"),
        ("The value '", "O valor '"),
        ("Please provide one of", "Use um destes:"),
    ]

    static let portuguese: [String: String] = [
        // the program and its commands
        "Backs up, inspects, verifies and restores Visual FoxPro tables.":
            "Faz backup, examina, verifica e restaura tabelas do Visual FoxPro.",
        "Check every table of a data folder: last change, records, health.":
            "Verifica cada tabela de uma pasta de dados: última alteração, registros, saúde.",
        "Shows a backup set, one of its tables, or a live DBF table.":
            "Mostra um backup, uma de suas tabelas, ou uma tabela DBF em uso.",
        "Lists the backup sets in ROOT, newest first.":
            "Lista os backups da pasta RAIZ, do mais novo ao mais antigo.",
        "Reads every member of SET completely and lists every defect.":
            "Lê o backup inteiro e lista cada defeito encontrado.",
        "Writes a backup set of DATA into ROOT (canonical variant, with manifest).":
            "Grava um backup da pasta de dados na pasta RAIZ (formato canônico, com manifesto).",
        "Restore tables from a backup set into DATA (or --into DIR), keeping an undo snapshot.":
            "Restaura tabelas de um backup na pasta de dados (ou em --into PASTA), guardando uma cópia para desfazer.",
        "List undo snapshots, or put back the tables an operation replaced.":
            "Lista as cópias de segurança, ou devolve as tabelas que uma operação substituiu.",
        "Compare a table of a backup set with the live table, record by record.":
            "Compara uma tabela do backup com a tabela em uso, registro por registro.",
        "Rebuilds (or with --check only verifies) the structural CDX index of tables.":
            "Reconstrói (ou, com --check, só verifica) o índice CDX estrutural das tabelas.",
        "Post-restore checks: NF-e/NFC-e number sequences against the authorized XML, and the rules of the config.":
            "Conferência pós-restauração: numeração de NF-e/NFC-e contra o XML autorizado, e as regras da configuração.",
        "Make a demo store with backups and walk through a whole restore.":
            "Monta uma loja de demonstração com backups e percorre uma restauração completa.",
        "Serve the restore screen in the browser (127.0.0.1 only, with a one-time token).":
            "Abre a tela de restauração no navegador (só em 127.0.0.1, com um token de uso único).",
        "Backup health of one store, or of every store of a chain on a cloud remote, as JSON or Prometheus metrics.":
            "Saúde dos backups de uma loja, ou de todas as lojas de uma rede na nuvem, em JSON ou métricas do Prometheus.",
        // common flags
        "Machine-readable output: one JSON document on stdout.":
            "Saída para programas: um documento JSON na saída padrão.",
        "Language of messages: pt or en (default from LANG).":
            "Idioma das mensagens: pt ou en (padrão: português; inglês se LANG começa com en).",
        "Print only the result, no progress.": "Mostra só o resultado, sem andamento.",
        "Do not ask for confirmation.": "Não pede confirmação.",
        "No confirmation question.": "Não pede confirmação.",
        "Cache folder for sets fetched from a remote.": "Pasta de cache dos backups baixados da nuvem.",
        "Cache folder (a remote backup is written here first).": "Pasta de cache (um backup para a nuvem é gravado aqui antes).",
        "Cache folder (fetched sets and verify verdicts by hash).": "Pasta de cache (backups baixados e verificações por hash).",
        // data, sets, tables
        "The ERP's data folder.": "A pasta de dados do ERP.",
        "The ERP's data folder (the live tables).": "A pasta de dados do ERP (as tabelas em uso).",
        "The ERP's data folder (the live .DBF tables).": "A pasta de dados do ERP (as tabelas .DBF em uso).",
        "The ERP's data folder (default: the current folder).": "A pasta de dados do ERP (padrão: a pasta atual).",
        "The ERP's data folder (one store).": "A pasta de dados do ERP (uma loja).",
        "The backup set.": "O backup.",
        "The backup set: a .zip, an extracted folder or REMOTE:path.": "O backup: um .zip, uma pasta extraída ou REMOTO:caminho.",
        "A backup set: .zip, folder or REMOTE:path.": "Um backup: .zip, pasta ou REMOTO:caminho.",
        "A backup set (.zip, folder or REMOTE:path) or a .dbf file.": "Um backup (.zip, pasta ou REMOTO:caminho) ou um arquivo .dbf.",
        "A table of the set.": "Uma tabela do backup.",
        "Folder or REMOTE:path holding backup sets.": "Pasta ou REMOTO:caminho com os backups.",
        "Folder or REMOTE:path to write the set into.": "Pasta ou REMOTO:caminho onde gravar o backup.",
        "Folder holding the backup sets.": "Pasta com os backups.",
        "Only these tables (name without extension).": "Só estas tabelas (nome sem extensão).",
        "Only this table (repeatable).": "Só esta tabela (pode repetir).",
        "The table to compare.": "A tabela a comparar.",
        // show
        "At most N records.": "No máximo N registros.",
        "table, csv or json.": "table (tabela), csv ou json.",
        "Include deleted records (live tables).": "Inclui os registros excluídos (tabelas em uso).",
        // verify
        "Write every defect to this file, one per line (the output lists the first 1000 per table).":
            "Grava cada defeito neste arquivo, um por linha (a tela lista os primeiros 1000 por tabela).",
        // backups, backup
        "Remote roots: do not read each zip's directory (tables and manifest shown as ?).":
            "Pastas na nuvem: não lê o índice de cada zip (tabelas e manifesto aparecem como ?).",
        "With --to REMOTE:path: keep only the newest N sets of the same naming scheme (after the new one is checked).":
            "Com --to REMOTO:caminho: mantém só os N backups mais novos do mesmo tipo de nome (depois de conferir o novo).",
        "Set name (default: the current <Weekday>_<HH>).": "Nome do backup (padrão: <DiaDaSemana>_<HH> de agora).",
        "Write a folder instead of a zip.": "Grava uma pasta em vez de um zip.",
        // restore
        "Restore every table of the set.": "Restaura todas as tabelas do backup.",
        "Restore only these tables.": "Restaura só estas tabelas.",
        "Write the restored tables into this folder; DATA stays untouched.":
            "Grava as tabelas restauradas nesta pasta; a pasta de dados fica intacta.",
        "Read and check everything, write nothing.": "Lê e confere tudo, não grava nada (simulação).",
        "Restore tables with bad lines, leaving those lines out (each is listed).":
            "Restaura tabelas com linhas ruins, deixando essas linhas de fora (cada uma é listada).",
        "Restore tables whose memo archive is missing or misaligned, with blank memos.":
            "Restaura tabelas cujo arquivo de memos falta ou está desalinhado, com os memos em branco.",
        "choose --all or --table T …": "escolha --all ou --table TABELA …",
        "--all and --table exclude each other": "use --all ou --table, não os dois",
        "give --data DATA (and/or --into DIR)": "informe --data PASTA_DE_DADOS (e/ou --into PASTA)",
        // undo
        "List the snapshots with the space they use.": "Lista as cópias de segurança com o espaço que ocupam.",
        "Delete snapshots (all, or the ID given) to free space.": "Apaga cópias de segurança (todas, ou a do ID dado) para liberar espaço.",
        "The snapshot id printed by restore.": "O id da cópia de segurança que a restauração mostrou.",
        "give --list, --prune or a snapshot ID": "informe --list, --prune ou o ID de uma cópia de segurança",
        // diff
        "Key fields, comma separated (default: record order).": "Campos-chave, separados por vírgula (padrão: a ordem dos registros).",
        "Examples listed per kind.": "Exemplos listados de cada tipo.",
        // reindex
        "Only verify; change nothing. Exit status 1 when an index has defects.":
            "Só verifica; não muda nada. Sai com código 1 quando um índice tem defeitos.",
        // scan
        "Skip checking CDX indexes against the records (faster).": "Não confere os índices CDX com os registros (mais rápido).",
        // check
        "Folder of the authorized XML (nfeProc, procInutNFe, procEventoNFe), searched recursively.":
            "Pasta dos XML autorizados (nfeProc, procInutNFe, procEventoNFe), com as subpastas.",
        "Config file (default: resgate.toml in DATA; without one, the notes table is discovered).":
            "Arquivo de configuração (padrão: resgate.toml na pasta de dados; sem ele, a tabela de notas é descoberta).",
        "The backup's date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss), for freshness rules.":
            "A data do backup (AAAA-MM-DD ou AAAA-MM-DDThh:mm:ss), para as regras de atualidade.",
        // demo, ui
        "Folder for the demo store (default: a new temporary folder).": "Pasta da loja de demonstração (padrão: uma nova pasta temporária).",
        "Then serve the demo store in the restore screen.": "Depois abre a loja de demonstração na tela de restauração.",
        "Folder of the authorized XML, for the post-restore check.": "Pasta dos XML autorizados, para a conferência pós-restauração.",
        "Config file for the post-restore check (default: resgate.toml in DATA).":
            "Arquivo de configuração da conferência pós-restauração (padrão: resgate.toml na pasta de dados).",
        "Port to listen on (default: a free one).": "Porta (padrão: uma livre).",
        "Address to listen on. Anything but 127.0.0.1 exposes the screen to the network.":
            "Endereço de escuta. Qualquer um que não seja 127.0.0.1 expõe a tela à rede.",
        "--port takes 0…65535": "--port aceita 0…65535",
        "--lang takes pt or en": "--lang aceita pt ou en",
        // status
        "The store's backup root: the folder holding its sets (one store).": "A pasta de backups da loja (uma loja).",
        "Folder of the authorized XML, for the fiscal state (one store).": "Pasta dos XML autorizados, para a situação fiscal (uma loja).",
        "The store's name in the metrics (default: the data folder's name).": "O nome da loja nas métricas (padrão: o nome da pasta de dados).",
        "Also restore the newest set into a temporary folder (one store).": "Também restaura o backup mais novo numa pasta temporária (uma loja).",
        "Every store folder matching REMOTE:PATTERN, e.g. 'nuvem:lojas/*/backup'.":
            "Cada pasta de loja que casa com REMOTO:PADRÃO, p. ex. 'nuvem:lojas/*/backup'.",
        "Stores read at the same time (chain).": "Lojas lidas ao mesmo tempo (rede).",
        "Seconds one store may take before it counts as down (chain).": "Segundos que uma loja pode levar antes de contar como fora do ar (rede).",
        "Write Prometheus textfile metrics to this file (atomically).": "Grava as métricas do Prometheus neste arquivo (de forma atômica).",
        "Keep every intact live record the backup lacks (matched by key; without one, append-only).":
            "Mantém cada registro intacto da tabela atual que falta no backup (pela chave; sem chave, só acrescenta).",
        "With --merge: key fields F[,G] (default: [merge.T] in DATA/resgate.toml, else a candidate or unique CDX tag).":
            "Com --merge: campos-chave F[,G] (padrão: [merge.T] no resgate.toml da pasta de dados, senão uma tag CDX candidata ou única).",
        "--merge needs --data DATA (the live tables)": "--merge pede --data PASTA_DE_DADOS (as tabelas em uso)",
        "--key goes with --merge": "--key só vale com --merge",
        // salvage
        "Reads a damaged table as far as it can be read into a new DBF(+FPT); lists what could not be read.":
            "Lê uma tabela danificada até onde der, para um novo DBF(+FPT); lista o que não pôde ser lido.",
        "Folder for the salvaged table (default: a new folder under DATA/.resgate/salvage).":
            "Pasta da tabela salva (padrão: uma nova pasta em DADOS/.resgate/salvage).",
        "The table (name without extension).": "A tabela (nome sem extensão).",
        // repair
        "Fixes a table in place where no backup is needed (record count, EOF mark, memo pointers, undecodable bytes); rebuilds its CDX; keeps an undo copy.":
            "Conserta a tabela no lugar onde não é preciso backup (contagem de registros, fim de arquivo, ponteiros de memo, bytes ilegíveis); reconstrói o CDX; guarda uma cópia para desfazer.",
        "Read and list what would be fixed; write nothing.": "Lê e lista o que seria consertado; não grava nada (simulação).",
        // recreate, inutilizar
        "Re-creates in the store's tables the authorized notes the data lacks, from their XML (atomic, undoable).":
            "Recria nas tabelas da loja as notas autorizadas que faltam nos dados, a partir do XML (tudo ou nada, com desfazer).",
        "Drafts the unsigned voiding requests (inutNFe 4.00) for the numbers that must be voided, with the deadline.":
            "Prepara os pedidos de inutilização (inutNFe 4.00, sem assinatura) dos números a inutilizar, com o prazo.",
        "Config file (default: resgate.toml in DATA).": "Arquivo de configuração (padrão: resgate.toml na pasta de dados).",
        "Config file with the [recreate] mapping (default: resgate.toml in DATA).":
            "Arquivo de configuração com o mapeamento [recreate] (padrão: resgate.toml na pasta de dados).",
        "Folder of the authorized XML (default: [fiscal] xml in the config).":
            "Pasta dos XML autorizados (padrão: o xml de [fiscal] na configuração).",
        "Folder where the requests are written.": "Pasta onde os pedidos são gravados.",
        "Justification (xJust): 15 to 255 characters.": "Justificativa (xJust): de 15 a 255 caracteres.",
        "Show what would be inserted; change nothing.": "Mostra o que seria incluído; não muda nada.",
    ]
}
