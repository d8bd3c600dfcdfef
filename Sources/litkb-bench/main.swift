// litkb-bench: whole-file ingest of PubMed XML into a fresh database, beside the floor (the same
// file read through libxml2's xmlTextReader with no extraction). Reports medians of several runs.
// Each run reads the floor and then ingests, so that both see the machine in the same state (on
// a shared machine, one minute can be a third slower than the next); the ratio is the median of
// the runs' own ratios.
//
//     swift build -c release && .build/release/litkb-bench [--runs 5] FILE.xml.gz...
import CLibXML2
import Foundation

struct Measurement {
    var wall: Double
    var cpu: Double
    var peakRSSKB: Int
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func cpuSeconds(_ usage: rusage) -> Double {
    Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// The floor: every node of the file through xmlTextReaderRead, nothing extracted.
func readFloor(_ path: String) -> (Measurement, bytes: Int) {
    var before = rusage()
    getrusage(RUSAGE_SELF.rawValue, &before)
    let start = now()
    guard let reader = xmlReaderForFile(path, nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue)) else {
        fail("cannot open \(path)")
    }
    while xmlTextReaderRead(reader) == 1 {}
    let bytes = Int(xmlTextReaderByteConsumed(reader))
    xmlFreeTextReader(reader)
    let wall = now() - start
    var after = rusage()
    getrusage(RUSAGE_SELF.rawValue, &after)
    return (Measurement(wall: wall, cpu: cpuSeconds(after) - cpuSeconds(before), peakRSSKB: after.ru_maxrss), bytes)
}

/// One `litkb ingest` of the file into a fresh database, as a child process.
func ingestOnce(litkb: String, file: String, database: String) -> (Measurement, records: Int, databaseBytes: Int) {
    for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
    let arguments = [litkb, "ingest", "--json", "--db", database, file]
    var output: [Int32] = [0, 0]
    pipe(&output)
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_addclose(&actions, output[0])
    var argv = arguments.map { strdup($0) } + [nil]
    var pid: pid_t = 0
    let start = now()
    guard posix_spawn(&pid, litkb, &actions, nil, &argv, environ) == 0 else { fail("cannot run \(litkb)") }
    close(output[1])
    var json = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(output[0], &buffer, buffer.count)
        if count <= 0 { break }
        json.append(contentsOf: buffer[0..<count])
    }
    close(output[0])
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = now() - start
    // litkb exits 1 when some records failed; anything else (a signal, a usage error) is no measurement.
    let exited = status & 0x7f == 0
    let code = (status >> 8) & 0xff
    guard exited, code <= 1 else { fail("litkb ingest \(file) ended with status \(status)") }
    for pointer in argv { free(pointer) }
    posix_spawn_file_actions_destroy(&actions)
    let reports = (try? JSONSerialization.jsonObject(with: json)) as? [[String: Any]] ?? []
    let records = reports.first?["records"] as? Int ?? -1
    var size = 0
    for suffix in ["", "-wal"] {
        size += ((try? FileManager.default.attributesOfItem(atPath: database + suffix))?[.size] as? Int) ?? 0
    }
    return (Measurement(wall: wall, cpu: cpuSeconds(usage), peakRSSKB: usage.ru_maxrss), records, size)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("litkb-bench: \(message)\n".utf8))
    exit(1)
}

let usage = "usage: litkb-bench [--runs N] FILE.xml.gz...   (litkb must be built beside litkb-bench)"
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}
var runs = 5
if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    runs = value
    arguments.removeSubrange(index...(index + 1))
}
let litkb = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("litkb").path
guard !arguments.isEmpty, FileManager.default.isExecutableFile(atPath: litkb) else {
    print(usage)
    exit(2)
}
for file in arguments where !FileManager.default.isReadableFile(atPath: file) {
    fail("cannot read \(file)")
}
let database = NSTemporaryDirectory() + "litkb-bench-\(getpid()).sqlite"

print("| file | records | XML MB | floor s | ingest wall s | ingest CPU s | records/s | XML MB/s | ingest ÷ floor | peak RSS MB | database MB |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for file in arguments {
    var floors: [Double] = []
    var xmlBytes = 0
    var walls: [Double] = []
    var ratios: [Double] = []
    var cpus: [Double] = []
    var rss: [Double] = []
    var records = 0
    var databaseBytes = 0
    for _ in 0..<runs {
        let (floor, bytes) = readFloor(file)
        floors.append(floor.wall)
        xmlBytes = bytes
        let (measurement, count, size) = ingestOnce(litkb: litkb, file: file, database: database)
        walls.append(measurement.wall)
        ratios.append(measurement.wall / floor.wall)
        cpus.append(measurement.cpu)
        rss.append(Double(measurement.peakRSSKB))
        records = count
        databaseBytes = size
    }
    for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
    let wall = median(walls)
    let floor = median(floors)
    let megabytes = Double(xmlBytes) / 1e6
    func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
    print("| \((file as NSString).lastPathComponent) | \(records) | \(f(megabytes, 0)) | \(f(floor)) | \(f(wall)) | \(f(median(cpus))) | "
          + "\(f(Double(records) / wall, 0)) | \(f(megabytes / wall, 1)) | \(f(median(ratios), 1)) | \(f(median(rss) / 1024, 0)) | \(f(Double(databaseBytes) / 1e6, 0)) |")
    fflush(nil)
}
