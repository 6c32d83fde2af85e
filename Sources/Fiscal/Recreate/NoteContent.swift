import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The values of one authorized note that `recreate` maps into rows: the note's own paths
/// (below `infNFe`, or `protNFe/…` below `nfeProc`) and one set of `det/…` paths per item.
///
/// Read with Foundation's XML parser, not the check's byte scanner: only the few notes
/// to re-create are read, and every element is wanted here. The first occurrence of a
/// repeated path wins (the first payment, for instance).
public struct NoteContent: Sendable, Hashable {
    public var file: String
    public var header: [String: String] = [:]
    public var items: [[String: String]] = []

    /// Reads `file`; throws `FiscalError.unreadableXML` with the parser's line.
    public static func read(file: String) throws(FiscalError) -> NoteContent {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .cannotRead(path: file, reason: nil)
        }
        let collector = Collector(file: file)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = collector
        guard parser.parse() else {
            throw .unreadableXML(file: file, line: parser.lineNumber, reason: parser.parserError.map(\.localizedDescription) ?? "")
        }
        guard collector.sawInfNFe else { throw .xmlWithoutNFe(file: file) }
        return collector.content
    }

    /// The value at `path` for item `item` (nil: the note's own paths).
    public func value(_ path: String, item: Int?) -> String? {
        if path.hasPrefix("det/"), let item, item < items.count { return items[item][path] }
        return header[path]
    }
}

private final class Collector: NSObject, XMLParserDelegate {
    var content: NoteContent
    var sawInfNFe = false
    private var stack: [String] = []
    private var text = ""
    /// Where the relative path starts in `stack` (after `infNFe`, or at `protNFe`).
    private var base: Int? = nil
    private var inItem = false

    init(file: String) { content = NoteContent(file: file) }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        stack.append(local)
        text = ""
        if local == "infNFe" && base == nil { base = stack.count; sawInfNFe = true }
        if local == "protNFe" { base = stack.count - 1 }
        if let b = base, local == "det", stack.count == b + 1 {
            inItem = true
            content.items.append([:])
            if let n = attributes["nItem"] { content.items[content.items.count - 1]["det/@nItem"] = n }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { stack.removeLast(); text = "" }
        guard let b = base, stack.count > b else {
            if stack.last == "infNFe" || stack.last == "protNFe" { base = nil }
            return
        }
        let path = stack[b...].joined(separator: "/")
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if stack.last == "det" && stack.count == b + 1 { inItem = false; return }
        if inItem && path.hasPrefix("det/") {
            let i = content.items.count - 1
            if content.items[i][path] == nil && !value.isEmpty { content.items[i][path] = value }
        } else if content.header[path] == nil && !value.isEmpty {
            content.header[path] = value
        }
    }
}
