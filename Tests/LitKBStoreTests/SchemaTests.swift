import Foundation
@testable import LitKBStore
import XCTest

final class SchemaTests: XCTestCase {
    func testEmbeddedSchemaEqualsTopLevelSchemaFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("schema.sql"), encoding: .utf8)
        XCTAssertEqual(Schema.sql, file)
        XCTAssertTrue(Schema.sql.contains("CREATE TABLE work ("))
    }

    func testNewDatabaseRecordsSchemaVersion() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kb.sqlite").path
        XCTAssertEqual(try KnowledgeBase(path: path).schemaVersion(), 1)
        // Opening again migrates nothing and keeps the version.
        XCTAssertEqual(try KnowledgeBase(path: path).schemaVersion(), 1)
    }
}
