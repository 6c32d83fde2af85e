import ArgumentParser
import Foundation
import ResgateLocale
import ResgateWeb

/// `resgate ui [--data DATA] [--backups ROOT] [--port N] [--host ADDR]` (cli.md): the
/// restore screen in the browser. Prints the address to open, token included.
struct UIServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: T("Serve the restore screen in the browser (127.0.0.1 only, with a one-time token)."),
        discussion: UIHelp.discussion)

    @Option(name: .long, help: H("The ERP's data folder (default: the current folder)."))
    var data: String?

    @Option(name: .long, help: H("Folder holding the backup sets."))
    var backups: String?

    @Option(name: .long, help: H("Folder of the authorized XML, for the post-restore check."))
    var xml: String?

    @Option(name: .long, help: H("Config file for the post-restore check (default: resgate.toml in DATA)."))
    var config: String?

    @Option(name: .long, help: H("Port to listen on (default: a free one)."))
    var port: Int = 0

    @Option(name: .long, help: H("Address to listen on. Anything but 127.0.0.1 exposes the screen to the network."))
    var host: String = "127.0.0.1"

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError(T("--port takes 0…65535")) }
    }

    func run() throws {
        let lang = common.language
        let folder = data ?? FileManager.default.currentDirectoryPath
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            Console.err(CLIPhrase.uiFolderMissing(folder).text(in: lang))
            throw ExitStatus.badInput
        }
        if let b = backups, !FileManager.default.fileExists(atPath: b) {
            Console.err(CLIPhrase.uiBackupFolderMissing(b).text(in: lang))
            throw ExitStatus.badInput
        }
        if !WebServer.isLoopback(host) {
            Console.err(CLIPhrase.uiListeningOnNetwork(host: host).text(in: lang))
        }
        var c = WebServer.Configuration(data: absolute(folder), backups: backups.map(absolute), xml: xml.map(absolute),
                                        config: config.map(absolute))
        c.host = host
        c.port = port
        c.language = common.lang == nil ? .pt : common.language
        let server = WebServer(configuration: c)
        let token = c.token
        let host = host
        let quiet = common.quiet
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await server.run { port in
                    let url = WebServer.url(host: host, port: port, token: token)
                    Console.out(url)
                    if !quiet {
                        Console.err(CLIPhrase.uiOpenTheAddress.text(in: lang))
                    }
                }
            } catch { failure.error = error }
            done.signal()
        }
        done.wait()
        if let e = failure.error as? WebServer.PortInUse {
            Console.err("resgate ui: " + e.text(in: common.language))
            throw ExitStatus.refused
        }
        if let e = failure.error {
            Console.err(CLIPhrase.uiCannotServe("\(e)").text(in: lang))
            throw ExitStatus.refused
        }
    }

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// The server task's error, handed back to the command's thread.
final class FailureBox: @unchecked Sendable { var error: Error? }

/// `ui --help`: what is printed and what to open, in the person's language (Portuguese
/// unless `--lang en` or a `LANG`/`LC_ALL` starting with `en`).
enum UIHelp {
    /// The run's language, as every help text (`CLILanguage`).
    static var english: Bool { CLILanguage.current == .en }

    static var discussion: String {
        english ? """
            Prints one address with a one-time token, e.g. http://127.0.0.1:40213/#token=3f0c…
            Open that whole address (token included) in a browser on this machine; the token \
            changes at every start, so an address from an earlier run no longer works. \
            Ctrl+C stops the screen. A port already in use is refused (exit 3): choose another \
            with --port, or leave --port out for a free one.
            """ : """
            Imprime um endereço com um token de uso único, por exemplo \
            http://127.0.0.1:40213/#token=3f0c…
            Abra esse endereço inteiro (com o token) no navegador desta máquina; o token muda a \
            cada início, então um endereço de uma execução anterior não serve mais. Ctrl+C \
            encerra a tela. Uma porta já em uso é recusada (saída 3): escolha outra com --port, \
            ou não informe --port para usar uma livre.
            """
    }
}
