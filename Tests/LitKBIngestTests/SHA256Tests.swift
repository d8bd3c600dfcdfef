import Foundation
@testable import LitKBIngest
import XCTest

final class SHA256Tests: XCTestCase {
    func testKnownDigests() {
        XCTAssertEqual(SHA256.hex(of: Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two blocks, and a length that crosses the padding boundary.
        XCTAssertEqual(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testIncrementalUpdatesEqualOneShot() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var hasher = SHA256()
        hasher.update(bytes[0..<7])
        hasher.update(bytes[7..<130])
        hasher.update(bytes[130...])
        XCTAssertEqual(hasher.finalize(), SHA256.hex(of: bytes))
        // Chunks of 1, 2, 3, ... bytes: partial blocks filled, completed and overrun.
        var growing = SHA256()
        var start = 0
        var size = 1
        while start < bytes.count {
            growing.update(bytes[start..<min(start + size, bytes.count)])
            start += size
            size += 1
        }
        XCTAssertEqual(growing.finalize(), SHA256.hex(of: bytes))
        // From Python's hashlib, an implementation independent of this one.
        XCTAssertEqual(SHA256.hex(of: bytes), "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d")
    }

    /// The way `Ingester` feeds a file: `Data` chunks of 1 MiB, the last one short, several
    /// megabytes in all.
    func testDataChunksOfSeveralMegabytesMatchPythonHashlib() {
        let bytes = Data((0..<2_500_003).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) })
        var hasher = SHA256()
        var start = 0
        while start < bytes.count {
            let end = min(start + (1 << 20), bytes.count)
            hasher.update(bytes[start..<end])
            start = end
        }
        // python3 -c "import hashlib; print(hashlib.sha256(bytes(((i*7)+(i>>11))&0xff for i in range(2_500_003))).hexdigest())"
        XCTAssertEqual(hasher.finalize(), "4ff40ea99501c06a7e8aae26964e874d254a004d154f76ae58c360b8a35facc3")
    }
}
