import XBase
import ResgateLocale

/// `freshness`: how far the data now goes, by the newest value of a date/datetime field,
/// compared (when known) with the backup's date: much older means the backup lacked the
/// latest movements; newer means the table was perhaps not replaced.
enum Freshness {
    static func run(_ rule: RuleConfig, _ t: any CheckTable, referenceDate: DBFDateTime?, configFile: String?) throws(FiscalError) -> CheckItem {
        let f = try RuleRunner.field(rule.field!, t, configFile)
        var newest: DBFDateTime? = nil
        var newestRecord = 0
        let live = try RuleRunner.scan(t, [f]) { rec, v in
            if let m = v[0].moment, newest.map({ m > $0 }) ?? true { newest = m; newestRecord = rec }
        }
        let subject = "\(t.name).\(rule.field!)"
        let maxAge = rule.maxAgeDays ?? 1
        var status = CheckStatus.ok
        var msg: [FiscalPhrase]
        if let n = newest {
            msg = [.dataUpTo(subject: subject, newest: n.iso, record: newestRecord)]
            if let ref = referenceDate {
                let ageDays = ref.date.julianDay - n.date.julianDay
                if ageDays > maxAge {
                    status = rule.severity
                    msg.append(.olderThanBackup(days: ageDays, backupDate: ref.date.iso))
                } else if ageDays < -1 {
                    status = .warning
                    msg.append(.newerThanBackup(backupDate: ref.date.iso))
                }
            }
        } else {
            status = rule.severity
            msg = [.noDateFilled(subject: subject, records: live)]
        }
        let result = RuleResult(kind: rule.kind.rawValue, table: t.name, fields: [rule.field!], records: live,
                                offending: status == .ok ? 0 : 1,
                                examples: newest.map { [Offender(record: newestRecord, value: $0.iso, others: nil)] } ?? [],
                                newest: newest?.iso, referenceDate: referenceDate?.iso)
        return CheckItem(name: rule.kind.rawValue, status: status, subject: subject, message: msg, rule: result)
    }
}
