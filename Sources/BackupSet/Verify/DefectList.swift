/// Receives every defect as it is found, however many there are: the full list of a
/// damaged set goes to a file this way while the report keeps only the first ones.
public protocol DefectSink: AnyObject, Sendable {
    func record(_ defect: Defect)
}

/// A bounded list of defects: the first `limit` are kept, the rest only counted (exactly,
/// by kind) and handed to the sink. A flood of bad lines costs no memory this way.
public struct DefectList: Sendable {
    /// Kept per table (and for the set's own defects) unless told otherwise.
    public static let defaultLimit = 1_000
    public let limit: Int
    public private(set) var kept: [Defect] = []
    public private(set) var omitted = 0
    public private(set) var counts: [Defect.Kind: Int] = [:]
    let sink: DefectSink?

    public init(limit: Int = DefectList.defaultLimit, sink: DefectSink? = nil) {
        self.limit = max(0, limit)
        self.sink = sink
    }

    public var total: Int { kept.count + omitted }

    public mutating func add(_ d: Defect) {
        counts[d.kind, default: 0] += 1
        sink?.record(d)
        if kept.count < limit { kept.append(d) } else { omitted += 1 }
    }

    /// Whether the next defect would be kept or handed to a sink; when not, `count` is all
    /// it needs (a flood of bad lines then costs no message building either).
    public var wantsDetails: Bool { sink != nil || kept.count < limit }

    /// Counts a defect that would be neither kept nor handed to a sink.
    public mutating func count(_ kind: Defect.Kind) {
        counts[kind, default: 0] += 1
        omitted += 1
    }

    public mutating func add(contentsOf ds: some Sequence<Defect>) { for d in ds { add(d) } }
}
