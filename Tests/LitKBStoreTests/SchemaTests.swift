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

final class TitleKeyTests: XCTestCase {
    func testTitleKeyFoldsCaseDiacriticsAndPunctuation() {
        XCTAssertEqual(TitleKey.make(title: "Método: Alianza TERAPÉUTICA (5th ed.)", year: 2013), "2013|metodo alianza terapeutica 5th ed")
        XCTAssertEqual(TitleKey.make(title: "Łódź–Ørsted: Straße", year: 2020), "2020|lodz orsted strase")
        XCTAssertNil(TitleKey.make(title: "Single", year: 2020))
        XCTAssertNil(TitleKey.make(title: "Two words", year: nil))
        XCTAssertEqual(TitleKey.citationKey("Agin-Liebes, G. (2022). Prospective examination."), "cite|agin liebes g 2022 prospective examination")
        // Other scripts are lower-cased and keep their marks.
        XCTAssertEqual(TitleKey.citationKey("Δ-9 THC in Ελλάδα"), "cite|δ 9 thc in ελλάδα")
    }
}
