import CZlib
import Foundation

/// The bytes of a file as its content reads, plain, gzip'd or the first file of a `.zip`
/// archive, handed out in large blocks: the input of the formats read at the speed of the disk
/// (the NIH Open Citation Collection, 14 GB of CSV), which libxml2's I/O layer would hand over
/// in 4 KB pieces and cannot read from a `.zip` at all.
final class CompressedInput {
    enum Kind: Equatable {
        case plain, gzip
        /// The first member of a zip archive, by its name in the archive.
        case zip(member: String)
    }

    let kind: Kind
    private let descriptor: Int32
    private let fileSize: Int
    /// gzip and plain files: zlib's reader, which passes plain files through unchanged.
    private var gzip: gzFile?
    /// A zip member: the raw deflate stream, or nil for a stored member.
    private var inflater: UnsafeMutablePointer<z_stream>?
    private var compressed: [UInt8] = []
    /// Bytes of a stored member still to come (nil: a deflated member).
    private var storedLeft: Int?
    private var ended = false
    /// The archive ended inside its deflated file: the next read fails.
    private var cutShort = false
    /// Why the input broke off, once it has.
    private(set) var failure: String?
    /// Bytes handed out so far, after inflating.
    private(set) var bytesRead = 0
    /// The member's inflated size when the archive states it.
    private(set) var expectedSize: Int?

    /// Opens `path`; throws a message naming what is wrong with it.
    init(path: String) throws(InputError) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError("cannot open the file") }
        var status = stat()
        fstat(descriptor, &status)
        fileSize = Int(status.st_size)
        var magic = [UInt8](repeating: 0, count: 4)
        let got = pread(descriptor, &magic, 4, 0)
        if got == 4, magic == [0x50, 0x4B, 0x03, 0x04] {
            do throws(InputError) {
                let member = try CompressedInput.openZipMember(descriptor, fileSize: fileSize)
                kind = .zip(member: member.name)
                storedLeft = member.storedSize
                expectedSize = member.inflatedSize
                if member.storedSize == nil {
                    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
                    stream.initialize(to: z_stream())
                    guard litkb_inflate_init_raw(stream) == Z_OK else {
                        stream.deallocate()
                        throw InputError("cannot start inflating the archive")
                    }
                    inflater = stream
                }
            } catch {
                close(descriptor)
                throw error
            }
        } else {
            kind = got >= 2 && magic[0] == 0x1F && magic[1] == 0x8B ? .gzip : .plain
            // zlib's reader takes its own descriptor and closes it.
            guard let file = gzdopen(dup(descriptor), "rb") else {
                close(descriptor)
                throw InputError("cannot open the file")
            }
            gzbuffer(file, 1 << 17)
            gzip = file
            expectedSize = kind == .plain ? fileSize : nil
        }
    }

    deinit {
        if let gzip { gzclose(gzip) }
        if let inflater {
            inflateEnd(inflater)
            inflater.deallocate()
        }
        close(descriptor)
    }

    /// The share of the file read so far, by its bytes on disk; nil when unknown.
    var fractionRead: Double? {
        guard fileSize > 0 else { return nil }
        let position: Int
        if let gzip { position = kind == .plain ? bytesRead : Int(gzoffset(gzip)) } else { position = Int(lseek(descriptor, 0, SEEK_CUR)) }
        return min(Double(position) / Double(fileSize), 1)
    }

    /// Reads up to `count` bytes into `buffer`: the number read, 0 at the end, -1 when the input
    /// breaks off (a truncated or corrupt stream; `failure` says how).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        guard !ended, count > 0 else { return 0 }
        let read: Int
        if let gzip {
            read = Int(gzread(gzip, buffer, UInt32(min(count, Int(Int32.max)))))
            if read < 0 {
                var code: Int32 = 0
                failure = gzerror(gzip, &code).map { String(cString: $0) } ?? "the gzip stream is corrupt"
            } else if read == 0, kind == .gzip, gzdirect(gzip) == 0, !isAtGzipEnd {
                failure = "the gzip stream is cut short"
                ended = true
                return -1
            }
        } else if let left = storedLeft {
            read = left == 0 ? 0 : Foundation.read(descriptor, buffer, min(count, left))
            if read > 0 { storedLeft = left - read }
            if read == 0, left > 0 {
                failure = "the archive is cut short inside its file"
                ended = true
                return -1
            }
        } else {
            read = inflate(into: buffer, count: count)
        }
        if read <= 0 { ended = true }
        if read > 0 { bytesRead += read }
        return read
    }

    /// Whether zlib reached the end of the last gzip member (a file cut short reads as a clean
    /// end from gzread, with the error only in gzerror).
    private var isAtGzipEnd: Bool {
        guard let gzip else { return true }
        var code: Int32 = 0
        _ = gzerror(gzip, &code)
        if code != Z_OK && code != Z_STREAM_END { failure = "the gzip stream is cut short"; return false }
        return true
    }

    private func inflate(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        guard let stream = inflater else { return 0 }
        if cutShort { return -1 }
        stream.pointee.next_out = buffer.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(min(count, Int(UInt32.max)))
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 {
                if compressed.isEmpty { compressed = [UInt8](repeating: 0, count: 1 << 18) }
                let got = compressed.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
                guard got > 0 else {
                    failure = "the archive is cut short inside its file"
                    // What was inflated before the cut is handed out; the next read fails.
                    let produced = count - Int(stream.pointee.avail_out)
                    if produced > 0 { cutShort = true; return produced }
                    return -1
                }
                compressed.withUnsafeMutableBufferPointer { stream.pointee.next_in = $0.baseAddress }
                stream.pointee.avail_in = UInt32(got)
            }
            // `compressed` is not reallocated while the stream points into it: its size is fixed.
            let code = CZlib.inflate(stream, Z_NO_FLUSH)
            if code == Z_STREAM_END { break }
            guard code == Z_OK || code == Z_BUF_ERROR else {
                failure = stream.pointee.msg.map { "the archive is corrupt: " + String(cString: $0) } ?? "the archive is corrupt"
                return -1
            }
        }
        return count - Int(stream.pointee.avail_out)
    }

    /// The first member of the archive whose local header starts the file: its name, where its
    /// data starts (the descriptor is left there), and its sizes.
    private static func openZipMember(_ descriptor: Int32, fileSize: Int) throws(InputError) -> (name: String, storedSize: Int?, inflatedSize: Int?) {
        var header = [UInt8](repeating: 0, count: 30)
        guard pread(descriptor, &header, 30, 0) == 30 else { throw InputError("the zip archive is cut short") }
        func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ bytes: [UInt8], _ at: Int) -> Int { u16(bytes, at) | u16(bytes, at + 2) << 16 }
        func u64(_ bytes: [UInt8], _ at: Int) -> Int { u32(bytes, at) | u32(bytes, at + 4) << 32 }
        let flags = u16(header, 6), method = u16(header, 8)
        var compressedSize = u32(header, 18), inflatedSize = u32(header, 22)
        let nameLength = u16(header, 26), extraLength = u16(header, 28)
        var rest = [UInt8](repeating: 0, count: nameLength + extraLength)
        guard pread(descriptor, &rest, rest.count, 30) == rest.count else { throw InputError("the zip archive is cut short") }
        let name = String(decoding: rest[..<nameLength], as: UTF8.self)
        // Zip64: sizes of 4 GB and more are in the extra field (id 1), the large ones in order.
        var at = nameLength
        while at + 4 <= rest.count {
            let id = u16(rest, at), size = u16(rest, at + 2)
            if id == 1 {
                var field = at + 4
                if inflatedSize == 0xFFFF_FFFF, field + 8 <= rest.count { inflatedSize = u64(rest, field); field += 8 }
                if compressedSize == 0xFFFF_FFFF, field + 8 <= rest.count { compressedSize = u64(rest, field) }
            }
            at += 4 + size
        }
        guard flags & 1 == 0 else { throw InputError("the zip archive's file \(name) is encrypted") }
        lseek(descriptor, off_t(30 + rest.count), SEEK_SET)
        // Bit 3: the sizes follow the data, so the header's are zero.
        let sizesKnown = flags & 8 == 0 && compressedSize != 0xFFFF_FFFF
        switch method {
        case 8: return (name, nil, sizesKnown ? inflatedSize : nil)
        case 0:
            guard sizesKnown else { throw InputError("the zip archive stores \(name) without stating its size") }
            return (name, compressedSize, compressedSize)
        default: throw InputError("the zip archive's file \(name) is compressed by method \(method); litkb reads stored and deflated files")
        }
    }

    /// Why an input cannot be opened.
    struct InputError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
