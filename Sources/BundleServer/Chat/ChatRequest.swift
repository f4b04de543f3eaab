import Foundation

/// The JSON body of `POST /api/chat`, checked before a turn starts: a message in words, optionally
/// the conversation to continue (an id as the turn event gave it: it names a file, so nothing else
/// passes) and the agent (a name). A pure function of the body, so FuzzServeRequest reaches it.
struct ChatRequest: Equatable {
    var message: String
    var conversationID: String?
    /// nil: the server's agent.
    var agent: String?
    /// How many turns of the conversation the page shows (`done` gave it): a turn sent while others, taken in
    /// another tab or window, are unseen is refused ("it" would be about a change the page never showed).
    var knownTurns: Int?

    init(_ body: [String: Any]) throws(APIError) {
        guard let message = body["message"] as? String, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.usage("send {\"message\": \"what to change, in plain words\"}, optionally with \"conversation_id\"")
        }
        self.message = message
        if let id = body["conversation_id"], !(id is NSNull) {
            guard let id = id as? String, ConversationArchive.isValidID(id) else {
                throw APIError.usage("conversation_id is letters, digits, - and _ (as the turn event gave it); leave it out to start a conversation")
            }
            conversationID = id
        }
        if let known = body["known_turns"], !(known is NSNull) {
            guard let count = known as? Int, count >= 0 else {
                throw APIError.usage("known_turns is the number of turns the page shows (the done event's turns), a whole number")
            }
            knownTurns = count
        }
        if let agent = body["agent"], !(agent is NSNull) {
            guard let name = agent as? String else {
                throw APIError.usage("agent \(agent) is not one this server runs: leave it out for the server's, or send \"offline\"")
            }
            self.agent = name
        }
    }
}
