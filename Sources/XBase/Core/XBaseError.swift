#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ResgateLocale

/// Errors of the xBase codecs: the catalogue's `XBaseFailure` is the error itself (facts
/// with the file and, where it applies, the record (1-based, as FoxPro's RECNO()), the field
/// and the numbers, so a person can find the bad bytes; worded by `English+XBase` and
/// `Portuguese+XBase`).
public typealias XBaseError = XBaseFailure

extension IOReason {
    /// The error number the last system call left (`errno`).
    public static var lastError: IOReason { .system(errno: errno) }
}
