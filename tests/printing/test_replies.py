"""The printer's reply stream split into replies by their bit patterns (Epson ESC/POS
reference): a stale status byte or an automatic status block must never be taken
for the answer to another question."""

from __future__ import annotations

from kiosk.printing.replies import (
    AsbReply,
    BufferCleared,
    PaperSensorReply,
    ProcessIdReply,
    ReplyReader,
    StatusReply,
)


def test_each_kind_of_reply_is_told_apart_in_one_stream() -> None:
    stream = (
        b"\x16"  # DLE EOT 1: online
        + b"\x10\x00\x00\x00"  # ASB block, all clear
        + b"\x37\x22" + b"0042" + b"\x00"  # GS ( H process id 0042
        + b"\x0c"  # GS r 1: roll end
        + b"\x37\x25\x00"  # DLE DC4 fn 8: buffers cleared
        + b"\x72"  # DLE EOT 4: paper end
    )  # fmt: skip
    assert ReplyReader().feed(stream) == [
        StatusReply(0x16),
        AsbReply(b"\x10\x00\x00\x00"),
        ProcessIdReply(b"0042"),
        PaperSensorReply(0x0C),
        BufferCleared(),
        StatusReply(0x72),
    ]


def test_a_reply_split_across_reads_is_kept_until_whole() -> None:
    reader = ReplyReader()
    assert reader.feed(b"\x37\x22\x30") == []
    assert reader.feed(b"\x30\x30") == []
    assert reader.feed(b"\x37\x00\x12") == [ProcessIdReply(b"0007"), StatusReply(0x12)]


def test_asb_faults_and_paper_end() -> None:
    assert not AsbReply(b"\x10\x00\x00\x00").fault
    assert AsbReply(b"\x30\x00\x00\x00").fault  # cover open
    assert AsbReply(b"\x10\x00\x0c\x00").fault  # roll end
    assert AsbReply(b"\x10\x08\x00\x00").fault  # unrecoverable error
    assert not PaperSensorReply(0x03).paper_end  # near end only
    assert PaperSensorReply(0x0F).paper_end


def test_bytes_that_answer_nothing_are_skipped() -> None:
    # 0x80 fits no reply; a broken ASB block is dropped, the stream goes on
    assert ReplyReader().feed(b"\x80\x10\x00\x90\x12") == [StatusReply(0x12)]
