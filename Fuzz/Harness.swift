import BackupSet
import Foundation

/// The target named by `RESGATE_FUZZ_TARGET` (zip, set, estr, line, xbase) and a private
/// scratch folder, in memory when /dev/shm exists.
enum Harness {
    static let target: FuzzEntryPoints.Target = {
        let name = ProcessInfo.processInfo.environment["RESGATE_FUZZ_TARGET"] ?? ""
        guard let t = FuzzEntryPoints.Target(rawValue: name) else {
            FileHandle.standardError.write(Data("set RESGATE_FUZZ_TARGET to one of \(FuzzEntryPoints.Target.allCases.map(\.rawValue))\n".utf8))
            exit(2)
        }
        return t
    }()
    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return base + "/resgate-fuzz-\(getpid())"
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    FuzzEntryPoints.run(Harness.target, bytes, folder: Harness.folder)
    return 0
}
