/// The web server's refusals (`WebPhrase`), in English.
extension English {
    static func web(_ p: WebPhrase) -> String {
        switch p {
        case .noSocket: "no socket"
        case .noFreePort: "no free port"
        case .pageFileUnreadable(let name): "page file unreadable: \(name)"
        case .pageFilesMissing: "page files missing"
        case .nothingRunning: "no operation is running"
        case .notCancellable: "this operation cannot be cancelled now"
        case .busy(let kind?): "another operation (\(operation(kind))) is running on this data folder; wait for it"
        case .busy(nil): "another operation is running on this data folder; wait for it"
        case .noSuchOperation(let id): "no operation \(id)"
        case .invalidJSONBody(let why): "invalid JSON body: \(why)"
        case .noBackupRoot: "the server was started without --backups"
        case .invalidBackupName: "invalid backup name"
        case let .noSuchBackup(id, root): "backup \(id) does not exist in \(root)"
        case .pathDoesNotExist(let raw): "\(raw) does not exist"
        case .notFolderOrZip(let raw): "\(raw) is neither a folder nor a .zip file"
        case .notBackupOrTableFolder(let raw): "\(raw) is neither a backup set nor a folder of DBF tables"
        case .invalidReportName: "invalid report name"
        case .noSuchReport(let name): "report \(name) not found"
        case .hostNotAllowed: "Host not allowed: open the address printed by resgate ui"
        case .foreignOrigin(let origin): "request from another page refused (Origin \(origin))"
        case .crossSite: "cross-site request refused"
        case .missingToken(let header?): "the token is missing from the \(header) header"
        case .missingToken(nil): "the token is missing"
        case .wrongToken: "wrong token: open the address printed by resgate ui"
        case .methodNotAllowed(let allowed): "method not allowed: use \(allowed)"
        case .failed(let why): "failed: \(why.text(in: .en))"
        }
    }

    static func operation(_ o: WebOperation) -> String {
        switch o {
        case .verify: "backup verification"
        case .compare: "comparison"
        case .preview: "restore preview"
        case .restore: "restore"
        case .undo: "undo"
        case .check: "fiscal numbering check"
        }
    }
}
