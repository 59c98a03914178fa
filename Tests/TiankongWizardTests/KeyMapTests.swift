import Testing
@testable import TiankongWizard

/// Keys are decoded once, into actions, here.
@Suite("Keys")
struct KeyMapTests {
    @Test("A bracketed paste arrives as one insertion with its line breaks as spaces")
    func paste() {
        var map = KeyMap()
        var actions: [Action] = []
        for key: Key in [.pasteStart, .character("市"), .character("财"), .enter, .character("政"), .tab, .character("局"), .pasteEnd] {
            actions += map.actions(for: key, in: .editing)
        }
        #expect(actions == [.insert("市财 政 局")])
    }

    @Test("Enter, Tab and Down go on; Shift-Tab and Up go back")
    func moving() {
        for key: Key in [.enter, .tab, .down] { #expect(KeyMap.action(for: key, in: .editing) == .nextField) }
        for key: Key in [.backTab, .up] { #expect(KeyMap.action(for: key, in: .editing) == .previousField) }
    }

    @Test("? opens the help on an empty line, and is typed otherwise")
    func questionMark() {
        #expect(KeyMap.action(for: .character("?"), in: .editingEmpty) == .openHelp)
        #expect(KeyMap.action(for: .character("?"), in: .editing) == .insert("?"))
        #expect(KeyMap.action(for: .function(1), in: .editing) == .openHelp)
    }

    @Test("Ctrl-C asks and Ctrl-Z suspends wherever the user is")
    func everywhere() {
        for context: KeyContext in [.editing, .editingEmpty, .fieldList, .review, .prompt, .confirm, .help] {
            #expect(KeyMap.action(for: .control("c"), in: context) == .interrupt)
            #expect(KeyMap.action(for: .control("z"), in: context) == .suspend)
        }
    }

    @Test("Ctrl-T fixes everything on the review and means nothing anywhere else")
    func fixAll() {
        #expect(KeyMap.action(for: .control("t"), in: .review) == .takeAllFixes)
        for context: KeyContext in [.editing, .editingEmpty, .fieldList, .prompt, .confirm] {
            #expect(KeyMap.action(for: .control("t"), in: context) == nil)
        }
    }

    @Test("Raw control bytes are named keys")
    func controlBytes() {
        #expect(Key.fromControlByte(3) == .control("c"))
        #expect(Key.fromControlByte(13) == .enter)
        #expect(Key.fromControlByte(127) == .backspace)
        #expect(Key.fromControlByte(9) == .tab)
    }
}
