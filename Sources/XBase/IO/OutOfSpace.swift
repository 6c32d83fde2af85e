import Foundation
import ResgateLocale
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A write that failed because there is no room for it: the disk (or the user's quota) is
/// full, or the file passed this process's file size limit (`ulimit -f`, EFBIG once
/// SIGXFSZ is ignored). Found in whatever error the writer threw, so that a restore or a
/// backup can say what happened, clean up and refuse, instead of a bare I/O error.
public struct OutOfSpace: Sendable, Equatable, CustomStringConvertible {
    /// Which room ran out, as the catalogue's fact (worded at the edge; the system's
    /// `strerror` words are only how a foreign error's text is recognized).
    public typealias Cause = NoRoom

    /// The file being written, as the writer named it (nil when the error did not say).
    public var file: String?
    public var cause: Cause

    public init(file: String?, cause: Cause) {
        self.file = file; self.cause = cause
    }

    /// In English, for logs and tests.
    public var description: String { (file.map { "\($0): " } ?? "") + "\(cause)" }

    /// The errno values that mean "no room", with their causes.
    static let codes: [(Int32, Cause)] = [(ENOSPC, .diskFull), (EDQUOT, .quota), (EFBIG, .fileSizeLimit)]

    static func cause(errno code: Int32) -> Cause? { codes.first { $0.0 == code }?.1 }

    /// The cause named by a `strerror` text inside `text`, if any.
    static func cause(in text: String) -> Cause? {
        for (code, cause) in codes {
            if text.contains(String(cString: strerror(code))) { return cause }
        }
        return nil
    }

    /// The out-of-space failure `error` reports, or nil when it is another failure.
    /// Understands `XBaseError`, Foundation's file errors (with their underlying POSIX
    /// error and path) and `POSIXError`; any other error only when its description
    /// carries the system's words for ENOSPC, EDQUOT or EFBIG (then without a file).
    public static func find(in error: any Error) -> OutOfSpace? {
        if let x = error as? XBaseError {
            switch x {
            case let .io(file, reason), let .cannotOpen(file, reason):
                switch reason {
                case .system(let code), .flush(let code), .close(let code):
                    return cause(errno: code).map { OutOfSpace(file: file, cause: $0) }
                case .other(let text):
                    return cause(in: text).map { OutOfSpace(file: file, cause: $0) }
                default:
                    return nil
                }
            default:
                return nil
            }
        }
        if let p = error as? POSIXError, let c = cause(errno: p.code.rawValue) {
            return OutOfSpace(file: nil, cause: c)
        }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
            let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
            var code: Int32? = ns.domain == NSPOSIXErrorDomain ? Int32(truncatingIfNeeded: ns.code) : nil
            if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
                code = Int32(truncatingIfNeeded: u.code)
            }
            if let code, let c = cause(errno: code) {
                return OutOfSpace(file: path, cause: c)
            }
            if ns.domain == NSCocoaErrorDomain, ns.code == CocoaError.fileWriteOutOfSpace.rawValue {
                return OutOfSpace(file: path, cause: .diskFull)
            }
        }
        return cause(in: String(describing: error)).map { OutOfSpace(file: nil, cause: $0) }
    }
}
