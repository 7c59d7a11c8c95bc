/// The operations built so far, by API. Every other operation of the contract answers
/// `501 {"message": "Not implemented", "error": {"status": 501}}` before any other check, so
/// coverage can be counted from outside; a test checks both sides of this list.
public enum Coverage {
    public static let built: [String: Set<String>] = [
        "work": [
            "getStatus", "authenticate", "authenticateInitial", "createWork", "createPermit", "getWork", "getPermit",
            "updateAssessmentStatus", "updatePermitStatus", "updateActualStartDate", "updateActualStopDate",
            "revertActualStartDate", "revertActualStopDate", "getWorkHistory", "postComment", "getComment",
            "markCommentAsRead", "getWorkCategory", "calculateDuration",
        ],
        "reporting": ["getStatus", "getPermits", "getWorks"],
        "lookup": ["getStatus", "getStreetsByUsrn", "getStreetsByQuery", "getStreets"],
        "geojson": ["getStatus"],
        "party": [
            "getStatus", "getOrganisation", "getOrganisations", "getUser", "updateUserDetails", "getWorkstreams",
            "createWorkstream", "getWorkstream", "updateWorkstream", "refresh", "logout", "forgotPassword",
            "resetPassword", "setPassword",
        ],
        "export": ["getStatus"],
        "event": ["getStatus", "getWorksUpdates", "getPermitSummaries"],
        "sampling": ["getStatus"],
        "worklist": ["getStatus"],
    ]

    public static func isBuilt(api: String, operationId: String) -> Bool {
        built[api]?.contains(operationId) ?? false
    }
}
