/// What `resgate salvage` says (`SalvagePhrase`), in English.
extension English {
    static func salvage(_ p: SalvagePhrase) -> String {
        switch p {
        case .badName(let t): "not a table name: \(t)"
        case let .noTable(t, folder): "table \(t) is not in \(folder)"
        case let .unreadableHeader(file, reason):
            "\(file): the header cannot be read (\(reason.text(in: .en))); nothing can be salvaged from this file — restore from the backup"
        case let .cannotWrite(file, reason): "\(file): cannot write (\(reason.text(in: .en)))"
        case .fault(let k): recordFault(k)
        case let .quarantined(t, record, field, k): "\(t) record \(record)\(field.map { " \($0)" } ?? ""): \(recordFault(k))"
        case let .memoLost(t, record, field, k): "\(t) record \(record) \(field): \(recordFault(k)) (memo emptied)"
        case let .salvaged(t, records, output): "\(t): \(records) records salvaged into \(output)"
        case let .headerCountDiffers(header, inFile): "the header says \(header) records; the file holds \(inFile)"
        case .tornTail(let n): "torn last record (\(n) bytes)"
        case let .lostCounts(unreadable, memos): "\(unreadable) unreadable records, \(memos) memos lost"
        }
    }

    static func recordFault(_ k: RecordFaultKind) -> String {
        switch k {
        case .badDeleteFlag: "bad delete flag"
        case .badNumber: "not a number"
        case .badDate: "not a valid date"
        case .badLogical: "not a logical"
        case .badDateTime: "not a valid datetime"
        case .badVarLength: "bad variable length"
        case .badMemoPointer: "memo pointer is not a number"
        case .memoPointerOutside: "memo outside the memo file"
        case .badMemoBlock: "damaged memo block"
        }
    }
}
