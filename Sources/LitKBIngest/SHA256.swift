internal import CSHA256

/// SHA-256 (FIPS 180-4), for provenance: a file's digest says whether it was ingested before.
/// OpenSSL's libcrypto computes it with the CPU's SHA extensions (SHA-NI, ARMv8 SHA2): 0.03 s of
/// CPU for a 40 MB update file where portable Swift took 0.16 s, on a thread that competes with
/// the parser. It is a system library, so it costs no build time, where swift-crypto would cost
/// a minute (and Foundation on Linux has no CryptoKit). On macOS, CommonCrypto stands in.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("abc".utf8))
/// hasher.finalize() // "ba7816bf…f20015ad"
/// ```
///
/// Noncopyable: it owns OpenSSL's context and frees it once, when it goes away.
struct SHA256: ~Copyable {
    private let context: OpaquePointer

    init() {
        // Fails only when OpenSSL is out of memory or has no SHA-256 provider configured.
        guard let context = litkb_sha256_new() else { fatalError("OpenSSL cannot compute SHA-256") }
        self.context = context
    }

    deinit { litkb_sha256_free(context) }

    mutating func update(_ bytes: some Collection<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) != nil { return }
        Array(bytes).withUnsafeBytes { update($0) }
    }

    private mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        guard litkb_sha256_update(context, base, bytes.count) == 1 else { fatalError("OpenSSL failed to update a SHA-256 digest") }
    }

    /// The digest as 64 lowercase hex digits; no update may follow.
    mutating func finalize() -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
            guard litkb_sha256_final(context, digest.baseAddress!) == 1 else { fatalError("OpenSSL failed to finish a SHA-256 digest") }
            let hex = Array("0123456789abcdef".utf8)
            var result: [UInt8] = []
            result.reserveCapacity(64)
            for byte in digest {
                result.append(hex[Int(byte >> 4)])
                result.append(hex[Int(byte & 0xf)])
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    static func hex(of bytes: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
