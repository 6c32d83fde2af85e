import Foundation

/// SHA-256 of the members a table read streamed whole, by member key (lower-cased name):
/// `verify` reads every text part and memo archive once, hashing as it inflates, and
/// checks the manifest against these instead of inflating each member a second time. A
/// member whose stream stopped early (a defect thrown, a damaged zip) has no entry and is
/// hashed on its own, as before.
final class MemberDigests: @unchecked Sendable {
    private let lock = NSLock()
    private var hex: [String: String] = [:]

    func set(_ member: SetMember, _ digest: String) {
        lock.lock(); hex[member.key] = digest; lock.unlock()
    }

    subscript(_ member: SetMember) -> String? {
        lock.lock(); defer { lock.unlock() }
        return hex[member.key]
    }
}
