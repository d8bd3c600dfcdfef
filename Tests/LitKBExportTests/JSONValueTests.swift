import LitKBExport
import LitKBModel
import XCTest

final class JSONValueTests: XCTestCase {
    func testEntryMembersCanBeExtendedByCommands() {
        var members = WorkJSON.entry(for: WorkSummary(pmid: PMID(32500209), retracted: true)).members
        members.append(.init(key: "score", value: .double(0.93)))
        XCTAssertEqual(JSONValue.object(members).rendered(pretty: false),
                       #"{"pmid":32500209,"retracted":true,"status":"retracted","stub":true,"score":0.93}"#)
    }

    func testFieldsLeaveOutNilMembersInOrder() {
        let value = JSONValue.fields(["b": .number(2), "a": nil, "c": .array([])])
        XCTAssertEqual(value.rendered(pretty: false), #"{"b":2,"c":[]}"#)
        XCTAssertEqual(value.members.map(\.key), ["b", "c"])
        XCTAssertEqual(JSONValue.string("x").members, [])
    }

    func testNonFiniteDoublesBecomeNull() {
        XCTAssertEqual(JSONValue.array([.double(.nan), .double(.infinity), .double(1.5)]).rendered(pretty: false), "[null,null,1.5]")
    }

    func testNoticeAndEvidenceObjectsMatchTheWorkObjects() {
        let notice = Notice(kind: .retractionIn, citation: "Psychopharmacology (Berl). 2024 Nov;241(11):2407.", pmid: PMID(39412345))
        XCTAssertEqual(WorkJSON.notice(for: notice).rendered(pretty: false),
                       #"{"kind":"retraction-in","citation":"Psychopharmacology (Berl). 2024 Nov;241(11):2407.","pmid":39412345}"#)
        XCTAssertEqual(WorkJSON.evidence(for: RetractionEvidence(kind: .publicationType)).rendered(pretty: false),
                       #"{"kind":"publication-type"}"#)
    }
}
