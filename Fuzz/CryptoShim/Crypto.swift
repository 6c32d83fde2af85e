import Foundation

/// Stand-in for swift-crypto's `SHA256` in the fuzz build only (scripts/fuzz.sh), so that
/// the harness builds in minutes without BoringSSL. NOT SHA-256: a 32-byte FNV-style
/// digest. The readers under test only compare digests, so every path stays reachable.
public struct SHA256 {
    /// swift-crypto's digest is a sequence of 32 bytes; an array is enough here.
    public typealias Digest = [UInt8]
    var state: [UInt64] = [0xcbf2_9ce4_8422_2325, 0x84222325cbf29ce4, 0x100000001b3, 0x9e3779b97f4a7c15]
    public init() {}
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        for (i, b) in bufferPointer.enumerated() {
            state[i & 3] = (state[i & 3] ^ UInt64(b)) &* 0x100000001b3
        }
    }
    public mutating func update(data: Data) { data.withUnsafeBytes { update(bufferPointer: $0) } }
    public func finalize() -> Digest {
        state.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } }
    }
}
