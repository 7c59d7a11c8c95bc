import Foundation

/// The comments list (`GET /reporting/comments`): comments on the works the caller sees, without
/// other organisations' internal comments (R-COM-02).
extension CommentRow {
    public static let list = ListDescription<CommentRow>(
        from: "comments c JOIN works w ON w.work_reference_number = c.work_reference_number",
        columns: """
            c.comment_reference_number, c.work_reference_number, c.sequence, c.topic, c.detail, c.is_internal, \
            c.author_email, c.author_organisation, c.date_created, c.read_by, c.read_on
            """,
        filters: [
            ListFilter("date_created_from", "c.date_created", .from, .instant),
            ListFilter("date_created_to", "c.date_created", .to, .instant),
            ListFilter("topic", "c.topic", .anyOf),
            ListFilter("is_internal", "c.is_internal", .flag),
            ListFilter("is_read", "c.read_on", .present),
            ListFilter("is_not_read", "c.read_on", .absent),
            ListFilter("work_reference_number", "c.work_reference_number", .equals, .upperText),
            ListFilter("author_email_address", "c.author_email", .equals),
            ListFilter(
                "is_incoming", "",
                .caller(whenTrue: "c.author_organisation <> ?", whenFalse: "c.author_organisation = ?")),
            ListFilter(
                "is_outgoing", "",
                .caller(whenTrue: "c.author_organisation = ?", whenFalse: "c.author_organisation <> ?")),
            ListFilter("street_descriptor", "w.street_name", .contains),
            ListFilter("usrn", "w.usrn", .equals, .integer),
            ListFilter(
                "organisation", "", .condition("(w.promoter_swa_code = ? OR w.highway_authority_swa_code = ?)", uses: 2)
            ),
            ListFilter(
                "geographical_area_reference_number", "",
                .unsupported("geographical areas (R-VAL-14) are not built yet")
            ),
        ],
        sorts: [:], defaultSort: "c.date_created", tieBreaker: "c.comment_reference_number",
        promoterColumn: "w.promoter_swa_code", highwayAuthorityColumn: "w.highway_authority_swa_code",
        workstreamColumn: "w.workstream_prefix", restriction: "c.is_internal = 0 OR c.author_organisation = ?",
        decode: CommentRepository.comment(from:))
}
