import Foundation

/// The Prometheus metric families of `resgate status` (names follow Prometheus's naming
/// guide: `resgate_` prefix, base units in the name, `_timestamp_seconds` for times).
/// One place for every name, help text and label set; docs/chain.md lists them.
public enum StoreMetrics {
    public struct Family: Sendable {
        public var name: String
        public var help: String
        public var type = "gauge"
    }

    public static let families: [Family] = [
        Family(name: "resgate_store_up", help: "1 when the store's backup folder answered, 0 when it failed (see resgate_store_failure_info)."),
        Family(name: "resgate_store_failure_info", help: "Why a store failed: reason is timeout, not-found, unreachable or local."),
        Family(name: "resgate_store_duration_seconds", help: "Seconds resgate status spent on the store."),
        Family(name: "resgate_backup_sets", help: "Backup sets found in the store's backup folder."),
        Family(name: "resgate_newest_set_info", help: "The newest set's name and slot (value always 1)."),
        Family(name: "resgate_newest_set_timestamp_seconds", help: "When the newest set was made (Unix time); 0 when the store has no set."),
        Family(name: "resgate_newest_set_bytes", help: "Size of the newest set in bytes."),
        Family(name: "resgate_newest_set_verified", help: "1 when every member of the newest set reads back clean, 0 when it does not."),
        Family(name: "resgate_newest_set_defects", help: "Defects found verifying the newest set."),
        Family(name: "resgate_newest_set_drill_success", help: "1 when the newest set restored into a temporary folder (--drill), else 0."),
        Family(name: "resgate_last_good_set_timestamp_seconds", help: "When the newest set known to verify was made (Unix time)."),
        Family(name: "resgate_tables", help: "Tables read: the live data folder (local run) or the newest set (chain run)."),
        Family(name: "resgate_tables_damaged", help: "Damaged tables among resgate_tables."),
        Family(name: "resgate_fiscal_next_safe_number", help: "First NF-e/NFC-e number that is safe to issue (max of data and authorized + 1)."),
        Family(name: "resgate_fiscal_last_authorized_number", help: "Highest number authorized, denied, cancelled or voided per the XML."),
        Family(name: "resgate_fiscal_erp_counter_number", help: "The ERP's own next-number counter."),
        Family(name: "resgate_fiscal_gap_numbers", help: "Numbers below the next safe one that are neither in the data nor authorized nor voided."),
        Family(name: "resgate_fiscal_next_number_at_risk", help: "1 when the ERP's counter is at or below the last authorized number."),
        Family(name: "resgate_status_stores", help: "Stores this run looked at."),
        Family(name: "resgate_status_duration_seconds", help: "Seconds the whole resgate status run took."),
        Family(name: "resgate_status_last_run_timestamp_seconds", help: "When resgate status last finished (Unix time)."),
    ]

    /// One sample: family name, labels (in order), value.
    public struct Sample: Sendable, Equatable {
        public var family: String
        public var labels: [(String, String)]
        public var value: Double
        public static func == (a: Sample, b: Sample) -> Bool {
            a.family == b.family && a.value == b.value && a.labels.map { $0.0 + "=" + $0.1 } == b.labels.map { $0.0 + "=" + $0.1 }
        }
        /// `name{a="x",b="y"} value` with label values escaped as the text format wants.
        public var line: String {
            let l = labels.isEmpty ? "" : "{" + labels.map { $0.0 + "=\"" + StoreMetrics.escape($0.1) + "\"" }.joined(separator: ",") + "}"
            return family + l + " " + StoreMetrics.format(value)
        }
    }

    /// The samples of one store.
    public static func samples(_ r: StoreReport) -> [Sample] {
        let store = [("store", r.store)]
        var out: [Sample] = [Sample(family: "resgate_store_up", labels: store, value: r.up ? 1 : 0),
                             Sample(family: "resgate_store_duration_seconds", labels: store, value: r.seconds)]
        if let f = r.failure {
            out.append(Sample(family: "resgate_store_failure_info", labels: store + [("reason", f.kind)], value: 1))
        }
        if let t = r.lastGood?.timeIntervalSince1970 {
            out.append(Sample(family: "resgate_last_good_set_timestamp_seconds", labels: store, value: t))
        }
        guard r.up else { return out }
        out.append(Sample(family: "resgate_backup_sets", labels: store, value: Double(r.sets)))
        out.append(Sample(family: "resgate_newest_set_timestamp_seconds", labels: store,
                          value: r.newest?.date?.timeIntervalSince1970 ?? 0))
        if let n = r.newest {
            out.append(Sample(family: "resgate_newest_set_info", labels: store + [("set", n.name), ("slot", n.slot ?? "")], value: 1))
            out.append(Sample(family: "resgate_newest_set_bytes", labels: store, value: Double(n.bytes)))
            if let v = n.verified {
                out.append(Sample(family: "resgate_newest_set_verified", labels: store, value: v ? 1 : 0))
                out.append(Sample(family: "resgate_newest_set_defects", labels: store, value: Double(n.defects)))
            }
            if let d = n.drill { out.append(Sample(family: "resgate_newest_set_drill_success", labels: store, value: d ? 1 : 0)) }
        }
        if let t = r.tables { out.append(Sample(family: "resgate_tables", labels: store, value: Double(t))) }
        if let d = r.damagedTables { out.append(Sample(family: "resgate_tables_damaged", labels: store, value: Double(d))) }
        for f in r.fiscal {
            let l = store + [("cnpj", f.cnpj), ("mod", String(f.model)), ("serie", String(f.series))]
            out.append(Sample(family: "resgate_fiscal_next_safe_number", labels: l, value: Double(f.nextSafe)))
            if let a = f.lastAuthorized { out.append(Sample(family: "resgate_fiscal_last_authorized_number", labels: l, value: Double(a))) }
            if let c = f.counter {
                out.append(Sample(family: "resgate_fiscal_erp_counter_number", labels: l, value: Double(c)))
                out.append(Sample(family: "resgate_fiscal_next_number_at_risk", labels: l, value: f.atRisk ? 1 : 0))
            }
            out.append(Sample(family: "resgate_fiscal_gap_numbers", labels: l, value: Double(f.gapNumbers)))
        }
        return out
    }

    /// The run's own samples (no store label).
    public static func runSamples(stores: Int, seconds: Double, finished: Date) -> [Sample] {
        [Sample(family: "resgate_status_stores", labels: [], value: Double(stores)),
         Sample(family: "resgate_status_duration_seconds", labels: [], value: seconds),
         Sample(family: "resgate_status_last_run_timestamp_seconds", labels: [], value: finished.timeIntervalSince1970)]
    }

    static func escape(_ s: String) -> String {
        var o = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": o += "\\\\"
            case "\"": o += "\\\""
            case "\n": o += "\\n"
            default: o.unicodeScalars.append(c)
            }
        }
        return o
    }

    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.3f", v)
    }
}
