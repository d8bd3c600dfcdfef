import Foundation
import LitKBModel
import LitKBParsers

// One fuzz target for every parser; LITKB_FUZZ_FORMAT (pubmed-xml, medline, elink, pmc-jats,
// page-text, retraction-watch, nih-occ) says which. Built with libFuzzer by scripts/fuzz.sh:
//   swift build -c release --product litkb-fuzz --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
// Built plainly (as `swift build` does), it replays the files it is given instead, so that a
// crash libFuzzer found can be run again under a debugger:
//   swift run litkb-fuzz medline crash-1234

#if FUZZING
private let format: SourceFormat = {
    guard let name = ProcessInfo.processInfo.environment["LITKB_FUZZ_FORMAT"], let format = SourceFormat(rawValue: name) else {
        fatalError("set LITKB_FUZZ_FORMAT to one of: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return format
}()

// libFuzzer's driver, called from our own entry point: SwiftPM names an executable's entry
// point `litkb_fuzz_main` and points `main` at it, so libFuzzer's `main` is never linked.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                             _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("litkb_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    _ = format
    return runFuzzerDriver(&count, &arguments) { bytes, size in
        ParserExercise.run(bytes.map { Data(bytes: $0, count: size) } ?? Data(), as: format)
        return 0
    }
}
#else
@main
struct Replay {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let format = SourceFormat(rawValue: name) else {
            print("usage: litkb-fuzz FORMAT FILE...   (FORMAT: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(64)
        }
        for path in arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            print("\(path): \(ParserExercise.run(data, as: format)) items")
        }
    }
}
#endif
