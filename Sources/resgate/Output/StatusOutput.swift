import Foundation
import ResgateLocale
import StoreStatus

/// Renders `resgate status` store by store as reports arrive (so a chain of thousands is
/// never held in memory): JSON as one document `{"stores": [...]}` streamed, or one
/// line per store for people.
final class StatusOutput: @unchecked Sendable {
    let json: Bool
    let quiet: Bool
    let language: Language
    private let lock = NSLock()
    private var first = true

    init(json: Bool, quiet: Bool, language: Language) { self.json = json; self.quiet = quiet; self.language = language }

    /// Unbuffered, so a store's line is out as soon as it is known (a long chain run shows
    /// progress) and lines from worker threads never mix.
    private func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    func begin() { if json { write("{\"stores\": [") } }

    func end() { if json { write(first ? "]}\n" : "\n]}\n") } }

    func store(_ r: StoreReport) {
        lock.lock(); defer { lock.unlock() }
        if json {
            write((first ? "\n" : ",\n") + Self.json(r).render(indent: 1, pretty: false))
            first = false
        } else if !quiet || StatusTally.isProblem(r) {
            write(StatusWords.line(r).text(in: language) + "\n")
        }
    }

    func summary(_ t: StatusTally) {
        guard !json else { return }
        write(StatusWords.summary(stores: t.stores, problems: t.problems).text(in: language) + "\n")
    }

    static func json(_ r: StoreReport) -> JSONOut {
        func num(_ v: Int?) -> JSONOut { v.map { .number(String($0)) } ?? .null }
        let newest: JSONOut = r.newest.map { n in
            .object([("name", .string(n.name)), ("slot", n.slot.map(JSONOut.string) ?? .null), ("date", JSONOut.date(n.date)),
                     ("bytes", .number(String(n.bytes))), ("sha256", n.hash.map(JSONOut.string) ?? .null),
                     ("verified", n.verified.map(JSONOut.bool) ?? .null), ("defects", .number(String(n.defects))),
                     ("verifiedFromCache", .bool(n.verifiedFromCache)), ("fetched", .bool(n.fetched)),
                     ("drill", n.drill.map(JSONOut.bool) ?? .null)])
        } ?? .null
        return .object([
            ("store", .string(r.store)), ("up", .bool(r.up)),
            ("failure", r.failure.map { .object([("kind", .string($0.kind)), ("detail", .string($0.detail))]) } ?? .null),
            ("sets", .number(String(r.sets))), ("newest", newest), ("lastGood", JSONOut.date(r.lastGood)),
            ("tables", num(r.tables)), ("damagedTables", num(r.damagedTables)),
            ("fiscal", .array(r.fiscal.map { f in
                .object([("cnpj", .string(f.cnpj)), ("model", .number(String(f.model))), ("series", .number(String(f.series))),
                         ("nextSafe", .number(String(f.nextSafe))), ("lastAuthorized", num(f.lastAuthorized)),
                         ("counter", num(f.counter)), ("gapNumbers", .number(String(f.gapNumbers))), ("atRisk", .bool(f.atRisk))])
            })),
            ("seconds", .number(String(format: "%.3f", r.seconds))),
        ])
    }
}

/// Counts stores and stores with a problem (down, newest set not verifying, damaged
/// tables, no set at all, fiscal counter at risk).
final class StatusTally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var stores = 0
    private(set) var problems = 0

    func add(_ r: StoreReport) {
        lock.lock(); defer { lock.unlock() }
        stores += 1
        if Self.isProblem(r) { problems += 1 }
    }

    static func isProblem(_ r: StoreReport) -> Bool {
        !r.up || r.newest == nil || r.newest?.verified == false || r.newest?.drill == false
            || (r.damagedTables ?? 0) > 0 || r.fiscal.contains(where: \.atRisk)
    }
}
