<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="165" />
        <source>Staff admin</source>
        <translation>Staff admin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="170" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="173" />
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="105" />
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="175" />
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="176" />
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="177" />
        <source>Recent</source>
        <translation>Recent</translation>
    </message>
</context>
<context>
    <name>AttentionSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="130" />
        <source>No answer recorded for: %1</source>
        <translation>No answer recorded for: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="150" />
        <source>Ticket %1 is in the tray</source>
        <translation>Ticket %1 is in the tray</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="109" />
        <source>Print outstanding tickets</source>
        <translation>Print outstanding tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="46" />
        <source>Reference (pickup code): %1</source>
        <translation>Reference (pickup code): %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="49" />
        <source>Transaction: %1</source>
        <translation>Transaction: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="52" />
        <source>Reference (transaction): %1</source>
        <translation>Reference (transaction): %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="143" />
        <source>Booking %1: %2 ticket(s) printed; in doubt: %3</source>
        <translation>Booking %1: %2 ticket(s) printed; in doubt: %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="226" />
        <source>Recovery ran; %1 transaction(s) still open.</source>
        <translation>Recovery ran; %1 transaction(s) still open.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="252" />
        <source>Booking %1: all %2 tickets printed and confirmed.</source>
        <translation>Booking %1: all %2 tickets printed and confirmed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="266" />
        <source>Run recovery again</source>
        <translation>Run recovery again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="268" />
        <source>Reason for printing outstanding tickets (required):</source>
        <translation>Reason for printing outstanding tickets (required):</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="270" />
        <source>Nothing needs attention.</source>
        <translation>Nothing needs attention.</translation>
    </message>
</context>
<context>
    <name>Availability</name>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="18" />
        <source>Out of ticket paper: please ask a member of staff</source>
        <translation>Out of ticket paper: please ask a member of staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="21" />
        <source>The ticket printer is open: please ask a member of staff</source>
        <translation>The ticket printer is open: please ask a member of staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="24" />
        <source>The ticket printer is not working: please ask a member of staff</source>
        <translation>The ticket printer is not working: please ask a member of staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="27" />
        <source>The cinema system cannot be reached: please try again soon or go to the service desk</source>
        <translation>The cinema system cannot be reached: please try again soon or go to the service desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="31" />
        <source>Ticket collection is not available right now: please try again soon or go to the service desk</source>
        <translation>Ticket collection is not available right now: please try again soon or go to the service desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="36" />
        <source>Payment is not available right now: please try again soon or buy at the service desk</source>
        <translation>Payment is not available right now: please try again soon or buy at the service desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="40" />
        <source>This kiosk cannot record sales right now: please ask a member of staff</source>
        <translation>This kiosk cannot record sales right now: please ask a member of staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="43" />
        <source>This kiosk's sales record needs checking: please ask a member of staff</source>
        <translation>This kiosk's sales record needs checking: please ask a member of staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="46" />
        <source>This kiosk is closed for now: please go to the service desk</source>
        <translation>This kiosk is closed for now: please go to the service desk</translation>
    </message>
</context>
<context>
    <name>BusyOverlay</name>
    <message>
        <location filename="../../kiosk/ui/widgets/busy.py" line="44" />
        <source>Getting ready, one moment please…</source>
        <translation>Getting ready, one moment please…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/busy.py" line="165" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
</context>
<context>
    <name>CodeWait</name>
    <message>
        <location filename="../../kiosk/ui/screens/code_wait.py" line="30" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/code_wait.py" line="67" />
        <source>Try again in %1</source>
        <translation>Try again in %1</translation>
    </message>
</context>
<context>
    <name>CollectEntryScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="178" />
        <source>That code is too short. Please enter the whole code.</source>
        <translation>That code is too short. Please enter the whole code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="181" />
        <source>We could not find this code. Check it against your message and try again.</source>
        <translation>We could not find this code. Check it against your message and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="185" />
        <source>The tickets for this code were already printed. Please ask at the counter.</source>
        <translation>The tickets for this code were already printed. Please ask at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="189" />
        <source>This booking was cancelled or refunded, so there is nothing to print.</source>
        <translation>This booking was cancelled or refunded, so there is nothing to print.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="197" />
        <source>This kiosk is not taking pickup codes for a while. Please ask at the counter.</source>
        <translation>This kiosk is not taking pickup codes for a while. Please ask at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="201" />
        <source>We can't check codes online now: add the booking number from your message.</source>
        <translation>We can't check codes online now: add the booking number from your message.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="214" />
        <source>Code not found: check it against your message. 1 try left, then a %2 wait.</source>
        <translation>Code not found: check it against your message. 1 try left, then a %2 wait.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="219" />
        <source>Code not found: check it against your message. %1 tries left, then a %2 wait.</source>
        <translation>Code not found: check it against your message. %1 tries left, then a %2 wait.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="240" />
        <source>Booking number</source>
        <translation>Booking number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="232" />
        <source>Collect tickets</source>
        <translation>Collect tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="193" />
        <source>Too many wrong codes. Please wait %1, or ask at the counter.</source>
        <translation>Too many wrong codes. Please wait %1, or ask at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="234" />
        <source>Type your pickup code, or hold its QR code under the scanner.</source>
        <translation>Type your pickup code, or hold its QR code under the scanner.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="239" />
        <source>Pickup code</source>
        <translation>Pickup code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="242" />
        <source>Find my tickets ›</source>
        <translation>Find my tickets ›</translation>
    </message>
</context>
<context>
    <name>CollectReviewScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="75" />
        <source>Your tickets</source>
        <translation>Your tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="76" />
        <source>Print my tickets</source>
        <translation>Print my tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="92" />
        <source>%1 tickets will be printed. Is this right?</source>
        <translation>%1 tickets will be printed. Is this right?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="81" />
        <source>This booking has %1 tickets. They print once your code is checked.</source>
        <translation>This booking has %1 tickets. They print once your code is checked.</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="64" />
        <source>Please take your tickets</source>
        <translation>Please take your tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="66" />
        <source>They are in the slot below the screen. Enjoy the film!</source>
        <translation>They are in the slot below the screen. Enjoy the film!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="68" />
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="72" />
        <source>If a ticket is missing, show this pickup code at the counter:</source>
        <translation>If a ticket is missing, show this pickup code at the counter:</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="39" />
        <source>This show can no longer be booked here</source>
        <translation>This show can no longer be booked here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="83" />
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="33" />
        <source>The kiosk cannot reach the cinema system; nothing was charged</source>
        <translation>The kiosk cannot reach the cinema system; nothing was charged</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="36" />
        <source>Please try again in a minute, or buy at the service desk.</source>
        <translation>Please try again in a minute, or buy at the service desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="40" />
        <source>It may be about to start or sold out: please choose another time.</source>
        <translation>It may be about to start or sold out: please choose another time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="46" />
        <source>The time to pay ran out; your seats were released and nothing was charged</source>
        <translation>The time to pay ran out; your seats were released and nothing was charged</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="50" />
        <source>Please start again to choose your seats.</source>
        <translation>Please start again to choose your seats.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="53" />
        <source>The payment did not go through; nothing was charged</source>
        <translation>The payment did not go through; nothing was charged</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="54" />
        <source>Please try again, or pay at the service desk.</source>
        <translation>Please try again, or pay at the service desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="57" />
        <source>We could not issue your tickets; your payment is being refunded</source>
        <translation>We could not issue your tickets; your payment is being refunded</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="60" />
        <location filename="../../kiosk/ui/screens/error.py" line="212" />
        <source>If you need help, show the reference at the service desk.</source>
        <translation>If you need help, show the reference at the service desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="63" />
        <source>The ticket printer is out of paper; your booking is safe</source>
        <translation>The ticket printer is out of paper; your booking is safe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="64" />
        <location filename="../../kiosk/ui/screens/error.py" line="70" />
        <source>Please show the reference at the service desk for your tickets.</source>
        <translation>Please show the reference at the service desk for your tickets.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="69" />
        <source>The ticket printer is not working; your booking is safe</source>
        <translation>The ticket printer is not working; your booking is safe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="75" />
        <source>The ticket printer cannot print right now; nothing was charged and your seats were released</source>
        <translation>The ticket printer cannot print right now; nothing was charged and your seats were released</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="80" />
        <source>Please buy your tickets at the service desk.</source>
        <translation>Please buy your tickets at the service desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="84" />
        <source>Please start again, and if it happens again show the reference at the service desk.</source>
        <translation>Please start again, and if it happens again show the reference at the service desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="216" />
        <source>If you need help, please ask at the service desk.</source>
        <translation>If you need help, please ask at the service desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="219" />
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="220" />
        <source>Back to start</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="30" />
        <source>The ticketing system (VISTA Connect) reported a problem</source>
        <comment>connect.failed</comment>
        <translation>The ticketing system (VISTA Connect) reported a problem</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="33" />
        <source>The kiosk could not send this request to the ticketing system</source>
        <comment>connect.request_invalid</comment>
        <translation>The kiosk could not send this request to the ticketing system</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="38" />
        <source>The ticketing system did not answer in time</source>
        <comment>connect.timeout</comment>
        <translation>The ticketing system did not answer in time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="41" />
        <source>The ticketing system cannot be reached</source>
        <comment>connect.unreachable</comment>
        <translation>The ticketing system cannot be reached</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="44" />
        <source>The ticketing system sent an answer the kiosk cannot read</source>
        <comment>connect.protocol</comment>
        <translation>The ticketing system sent an answer the kiosk cannot read</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="49" />
        <source>The ticketing system refused the kiosk's token; check the settings</source>
        <comment>connect.auth</comment>
        <translation>The ticketing system refused the kiosk's token; check the settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="54" />
        <source>The ticketing system refused the request (result code %1)</source>
        <comment>connect.refused</comment>
        <translation>The ticketing system refused the request (result code %1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="57" />
        <source>The ticketing system cannot reach the cinema's own system</source>
        <comment>connect.cinema_unreachable</comment>
        <translation>The ticketing system cannot reach the cinema's own system</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="62" />
        <source>The ticketing system has no such booking</source>
        <comment>connect.booking_not_found</comment>
        <translation>The ticketing system has no such booking</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="65" />
        <source>The payment service reported a problem</source>
        <comment>payment.failed</comment>
        <translation>The payment service reported a problem</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="68" />
        <source>The payment service did not answer in time</source>
        <comment>payment.timeout</comment>
        <translation>The payment service did not answer in time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="71" />
        <source>The payment service cannot be reached</source>
        <comment>payment.unreachable</comment>
        <translation>The payment service cannot be reached</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="74" />
        <source>The payment service sent an answer the kiosk cannot read</source>
        <comment>payment.protocol</comment>
        <translation>The payment service sent an answer the kiosk cannot read</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="77" />
        <source>The payment service refused the request (%1)</source>
        <comment>payment.rejected</comment>
        <translation>The payment service refused the request (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="80" />
        <source>Ticket collection has a problem; please ask at the counter</source>
        <comment>sarft.failed</comment>
        <translation>Ticket collection has a problem; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="85" />
        <source>This booking cannot be collected here; please ask at the counter</source>
        <comment>sarft.value</comment>
        <translation>This booking cannot be collected here; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="90" />
        <source>The cinema system cannot be reached right now; please try again</source>
        <comment>sarft.unreachable</comment>
        <translation>The cinema system cannot be reached right now; please try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="95" />
        <source>The cinema system did not answer; please try again</source>
        <comment>sarft.timeout</comment>
        <translation>The cinema system did not answer; please try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="100" />
        <source>The connection to the cinema system was lost; please try again</source>
        <comment>sarft.connection_lost</comment>
        <translation>The connection to the cinema system was lost; please try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="105" />
        <source>The cinema system sent an answer we cannot read; please ask at the counter</source>
        <comment>sarft.protocol</comment>
        <translation>The cinema system sent an answer we cannot read; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="110" />
        <source>Checking the state of your tickets, please wait</source>
        <comment>sarft.outcome_unknown</comment>
        <translation>Checking the state of your tickets, please wait</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="115" />
        <source>The cinema system could not issue these tickets; please ask at the service desk (reference code %1)</source>
        <comment>sarft.refused</comment>
        <translation>The cinema system could not issue these tickets; please ask at the service desk (reference code %1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="121" />
        <source>These tickets have already been collected</source>
        <comment>sarft.already_printed</comment>
        <translation>These tickets have already been collected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="126" />
        <source>The cinema system reported an error; please ask at the counter</source>
        <comment>sarft.unknown_error</comment>
        <translation>The cinema system reported an error; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="131" />
        <source>No booking was found; please check and try again</source>
        <comment>sarft.not_found</comment>
        <translation>No booking was found; please check and try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="136" />
        <source>The collection code is not correct</source>
        <comment>sarft.verify_code_mismatch</comment>
        <translation>The collection code is not correct</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="141" />
        <source>This booking has been refunded or cancelled</source>
        <comment>sarft.refunded</comment>
        <translation>This booking has been refunded or cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="146" />
        <source>Ticket collection is unavailable right now; please ask at the counter</source>
        <comment>sarft.not_authenticated</comment>
        <translation>Ticket collection is unavailable right now; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="151" />
        <source>Ticket collection is unavailable right now; please ask at the counter</source>
        <comment>sarft.bad_credentials</comment>
        <translation>Ticket collection is unavailable right now; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="156" />
        <source>This show has ended; its tickets can no longer be collected</source>
        <comment>sarft.show_ended</comment>
        <translation>This show has ended; its tickets can no longer be collected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="161" />
        <source>Printing was not started properly; please ask at the counter</source>
        <comment>sarft.not_applied</comment>
        <translation>Printing was not started properly; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="166" />
        <source>The tickets cannot be collected here; please ask at the counter</source>
        <comment>collect.failed</comment>
        <translation>The tickets cannot be collected here; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="171" />
        <source>A pickup code is %1 to %2 letters or digits; please check it</source>
        <comment>collect.malformed_code</comment>
        <translation>A pickup code is %1 to %2 letters or digits; please check it</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="176" />
        <source>A booking number is 1 to %1 digits; please check it</source>
        <comment>collect.malformed_number</comment>
        <translation>A booking number is 1 to %1 digits; please check it</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="181" />
        <source>Too many wrong codes; try again in %1 s or ask staff</source>
        <comment>collect.keypad_locked</comment>
        <translation>Too many wrong codes; try again in %1 s or ask staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="186" />
        <source>Collecting by code is paused on this kiosk; please ask at the counter, or try again in %1 min</source>
        <comment>collect.keypad_paused</comment>
        <translation>Collecting by code is paused on this kiosk; please ask at the counter, or try again in %1 min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="192" />
        <source>Please wait %1 s before trying again</source>
        <comment>collect.keypad_wait</comment>
        <translation>Please wait %1 s before trying again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="197" />
        <source>The pickup code or booking number is not correct; please check it</source>
        <comment>collect.wrong_code</comment>
        <translation>The pickup code or booking number is not correct; please check it</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="202" />
        <source>The tickets of this booking have already been collected</source>
        <comment>collect.already_collected</comment>
        <translation>The tickets of this booking have already been collected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="207" />
        <source>This booking was refunded or cancelled; there are no tickets to collect</source>
        <comment>collect.refunded</comment>
        <translation>This booking was refunded or cancelled; there are no tickets to collect</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="212" />
        <source>This show has ended; its tickets can no longer be collected</source>
        <comment>collect.show_ended</comment>
        <translation>This show has ended; its tickets can no longer be collected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="217" />
        <source>The cinema system has no such booking; please ask at the counter</source>
        <comment>collect.booking_not_found</comment>
        <translation>The cinema system has no such booking; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="222" />
        <source>The cinema system cannot be reached right now; try again or ask staff</source>
        <comment>collect.unavailable</comment>
        <translation>The cinema system cannot be reached right now; try again or ask staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="227" />
        <source>The code cannot be checked online right now; please also enter the booking number from your ticket message</source>
        <comment>collect.number_needed</comment>
        <translation>The code cannot be checked online right now; please also enter the booking number from your ticket message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="233" />
        <source>Some tickets of this booking were already printed here; please ask staff</source>
        <comment>collect.needs_staff</comment>
        <translation>Some tickets of this booking were already printed here; please ask staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="238" />
        <source>The printer is not ready; staff have been told. Try later or ask at the counter</source>
        <comment>collect.printer_not_ready</comment>
        <translation>The printer is not ready; staff have been told. Try later or ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="243" />
        <source>This booking's ticket details are incomplete; please ask at the counter</source>
        <comment>collect.cannot_print</comment>
        <translation>This booking's ticket details are incomplete; please ask at the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="248" />
        <source>%1 of %2 tickets printed; please ask staff for the rest</source>
        <comment>collect.partial_print</comment>
        <translation>%1 of %2 tickets printed; please ask staff for the rest</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="253" />
        <source>This booking has no tickets waiting to be printed</source>
        <comment>reprint.nothing_outstanding</comment>
        <translation>This booking has no tickets waiting to be printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="258" />
        <source>This ticket was never printed on this kiosk, so it cannot be reprinted</source>
        <comment>reprint.not_printed_here</comment>
        <translation>This ticket was never printed on this kiosk, so it cannot be reprinted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="263" />
        <source>The reprint did not come out; check the printer</source>
        <comment>reprint.failed</comment>
        <translation>The reprint did not come out; check the printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="268" />
        <source>The purchase failed. Please try again.</source>
        <comment>purchase.failed</comment>
        <translation>The purchase failed. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="271" />
        <source>Those seats or tickets cannot be chosen together. Please choose again.</source>
        <comment>purchase.invalid_selection</comment>
        <translation>Those seats or tickets cannot be chosen together. Please choose again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="276" />
        <source>Those seats have just been taken. Please choose other seats.</source>
        <comment>purchase.seats_taken</comment>
        <translation>Those seats have just been taken. Please choose other seats.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="281" />
        <source>Tickets for this show are no longer on sale.</source>
        <comment>purchase.sales_closed</comment>
        <translation>Tickets for this show are no longer on sale.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="284" />
        <source>Ticket prices have changed. Please choose your tickets again.</source>
        <comment>purchase.price_changed</comment>
        <translation>Ticket prices have changed. Please choose your tickets again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="289" />
        <source>The ticketing system cannot be reached. Please try later. You were not charged.</source>
        <comment>purchase.unavailable</comment>
        <translation>The ticketing system cannot be reached. Please try later. You were not charged.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="294" />
        <source>The payment could not be started and the seats were released. No charge.</source>
        <comment>purchase.payment_declined</comment>
        <translation>The payment could not be started and the seats were released. No charge.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="299" />
        <source>The ticket printer cannot print right now. Nothing was charged; the seats were released.</source>
        <comment>purchase.printer_unavailable</comment>
        <translation>The ticket printer cannot print right now. Nothing was charged; the seats were released.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="305" />
        <source>Time for payment ran out and the seats were released. Any charge is refunded.</source>
        <comment>purchase.payment_timed_out</comment>
        <translation>Time for payment ran out and the seats were released. Any charge is refunded.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="310" />
        <source>The payment was closed and the seats were released.</source>
        <comment>purchase.payment_closed</comment>
        <translation>The payment was closed and the seats were released.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="315" />
        <source>That is not a WeChat Pay or Alipay payment code. Please show the code in the app.</source>
        <comment>purchase.payment_code_invalid</comment>
        <translation>That is not a WeChat Pay or Alipay payment code. Please show the code in the app.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="320" />
        <source>This kiosk does not take that payment code. Please scan the QR code on screen.</source>
        <comment>purchase.payment_code_not_accepted</comment>
        <translation>This kiosk does not take that payment code. Please scan the QR code on screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="325" />
        <source>A payment code is already being charged. Please confirm on your phone.</source>
        <comment>purchase.payment_code_busy</comment>
        <translation>A payment code is already being charged. Please confirm on your phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="330" />
        <source>The payment code was not charged. Please show a new code or scan the QR code.</source>
        <comment>purchase.payment_code_declined</comment>
        <translation>The payment code was not charged. Please show a new code or scan the QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="335" />
        <source>The purchase was cancelled. Any charge is refunded.</source>
        <comment>purchase.cancelled</comment>
        <translation>The purchase was cancelled. Any charge is refunded.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="338" />
        <source>Your tickets are being issued; this can no longer be cancelled.</source>
        <comment>purchase.too_late_to_cancel</comment>
        <translation>Your tickets are being issued; this can no longer be cancelled.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="343" />
        <source>The tickets could not be issued. Your payment has been refunded.</source>
        <comment>purchase.tickets_not_issued</comment>
        <translation>The tickets could not be issued. Your payment has been refunded.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="348" />
        <source>This purchase needs staff. Please show the transaction number to staff.</source>
        <comment>purchase.needs_staff</comment>
        <translation>This purchase needs staff. Please show the transaction number to staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="353" />
        <source>The tickets could not be issued. Your refund is being processed; please keep the transaction number and ask staff if needed.</source>
        <comment>purchase.refund_pending</comment>
        <translation>The tickets could not be issued. Your refund is being processed; please keep the transaction number and ask staff if needed.</translation>
    </message>
</context>
<context>
    <name>FilmsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="62" />
        <location filename="../../kiosk/ui/screens/films.py" line="117" />
        <source>Next: %1</source>
        <translation>Next: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="64" />
        <source>No more shows on sale</source>
        <translation>No more shows on sale</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="147" />
        <source>Choose a film</source>
        <translation>Choose a film</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="149" />
        <source>No more films today. Please ask at the counter.</source>
        <translation>No more films today. Please ask at the counter.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="42" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="42" />
        <source>Tomorrow</source>
        <translation>Tomorrow</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="47" />
        <source>%1, %2 %3</source>
        <comment>today or tomorrow, month, day</comment>
        <translation>%1, %2 %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="58" />
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="59" />
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="60" />
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="61" />
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="62" />
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="63" />
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="64" />
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="79" />
        <source>Jan</source>
        <comment>month</comment>
        <translation>Jan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="80" />
        <source>Feb</source>
        <comment>month</comment>
        <translation>Feb</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="81" />
        <source>Mar</source>
        <comment>month</comment>
        <translation>Mar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="82" />
        <source>Apr</source>
        <comment>month</comment>
        <translation>Apr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="83" />
        <source>May</source>
        <comment>month</comment>
        <translation>May</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="84" />
        <source>Jun</source>
        <comment>month</comment>
        <translation>Jun</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="85" />
        <source>Jul</source>
        <comment>month</comment>
        <translation>Jul</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="86" />
        <source>Aug</source>
        <comment>month</comment>
        <translation>Aug</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="87" />
        <source>Sep</source>
        <comment>month</comment>
        <translation>Sep</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="88" />
        <source>Oct</source>
        <comment>month</comment>
        <translation>Oct</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="89" />
        <source>Nov</source>
        <comment>month</comment>
        <translation>Nov</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="90" />
        <source>Dec</source>
        <comment>month</comment>
        <translation>Dec</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="68" />
        <source>%1, %2 %3</source>
        <comment>weekday, month, day</comment>
        <translation>%1, %2 %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="121" />
        <source>Row %1 Seat %2</source>
        <translation>Row %1 Seat %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="125" />
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../kiosk/ui/widgets/header.py" line="62" />
        <source>‹ Back</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/header.py" line="63" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
</context>
<context>
    <name>HealthSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="37" />
        <source>Cinema system (VISTA Connect)</source>
        <translation>Cinema system (VISTA Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="38" />
        <source>Ticket collection service (SARFT)</source>
        <translation>Ticket collection service (SARFT)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="39" />
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="40" />
        <source>Ticket printer</source>
        <translation>Ticket printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="62" />
        <source>Working</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="63" />
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="64" />
        <source>Not working</source>
        <translation>Not working</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="70" />
        <source>Paper: unknown</source>
        <translation>Paper: unknown</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="72" />
        <source>Paper: out</source>
        <translation>Paper: out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="74" />
        <source>Paper: near end</source>
        <translation>Paper: near end</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="75" />
        <source>Paper: OK</source>
        <translation>Paper: OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="138" />
        <source>Daily reconciliation</source>
        <translation>Daily reconciliation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="172" />
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="176" />
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="123" />
        <source>Welcome! Touch a button to start.</source>
        <translation>Welcome! Touch a button to start.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="127" />
        <source>Buy tickets</source>
        <translation>Buy tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="128" />
        <source>Choose a film, a time and your seats</source>
        <translation>Choose a film, a time and your seats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="133" />
        <source>Collect tickets</source>
        <translation>Collect tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="134" />
        <source>Bought online? Enter or scan your pickup code</source>
        <translation>Bought online? Enter or scan your pickup code</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="187" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="188" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_service.py" line="97" />
        <source>Out of service</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_service.py" line="102" />
        <source>You can buy and collect tickets at the service desk.</source>
        <translation>You can buy and collect tickets at the service desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_service.py" line="105" />
        <source>This kiosk opens again by itself as soon as it can.</source>
        <translation>This kiosk opens again by itself as soon as it can.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="140" />
        <source>Cancel this order? Your seats will be released.</source>
        <translation>Cancel this order? Your seats will be released.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="142" />
        <source>Yes, cancel</source>
        <translation>Yes, cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="143" />
        <source>Keep paying</source>
        <translation>Keep paying</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="148" />
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="149" />
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="392" />
        <source>Please confirm on your phone</source>
        <translation>Please confirm on your phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="394" />
        <source>Taking the payment…</source>
        <translation>Taking the payment…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="404" />
        <source>That is not a WeChat Pay or Alipay payment code. Show the payment code in your wallet, or scan a QR code.</source>
        <translation>That is not a WeChat Pay or Alipay payment code. Show the payment code in your wallet, or scan a QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="409" />
        <source>This kiosk does not take that wallet. Please scan a QR code instead.</source>
        <translation>This kiosk does not take that wallet. Please scan a QR code instead.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="413" />
        <source>A payment code is being taken. Please wait a moment.</source>
        <translation>A payment code is being taken. Please wait a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="416" />
        <source>The payment code was not accepted and nothing was taken. Try again, or scan a QR code.</source>
        <translation>The payment code was not accepted and nothing was taken. Try again, or scan a QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="421" />
        <source>The payment was not confirmed in time, so nothing was taken. Try again, or scan a QR code.</source>
        <translation>The payment was not confirmed in time, so nothing was taken. Try again, or scan a QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="434" />
        <source>Scan to pay</source>
        <translation>Scan to pay</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="436" />
        <source>Amount to pay</source>
        <translation>Amount to pay</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="454" />
        <source>Open WeChat or Alipay on your phone and scan the code. Your tickets print as soon as the payment arrives.</source>
        <translation>Open WeChat or Alipay on your phone and scan the code. Your tickets print as soon as the payment arrives.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="461" />
        <source>Code valid for</source>
        <translation>Code valid for</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="463" />
        <source>Or hold your phone's payment code under the scanner</source>
        <translation>Or hold your phone's payment code under the scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="465" />
        <source>Payment code</source>
        <translation>Payment code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="467" />
        <source>Cancel payment</source>
        <translation>Cancel payment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="432" />
        <location filename="../../kiosk/ui/screens/payment.py" line="469" />
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="471" />
        <source>Your payment is being refunded to your phone. Your seats have been released.</source>
        <translation>Your payment is being refunded to your phone. Your seats have been released.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="476" />
        <source>Nothing was charged. Your seats have been released.</source>
        <translation>Nothing was charged. Your seats have been released.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="210" />
        <source>Too many wrong PINs. The admin screen is locked for %1.</source>
        <translation>Too many wrong PINs. The admin screen is locked for %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="220" />
        <source>No admin PIN is set on this kiosk. Set one with: kiosk admin-pin</source>
        <translation>No admin PIN is set on this kiosk. Set one with: kiosk admin-pin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="228" />
        <source>Wrong PIN (%1 of %2 tries).</source>
        <translation>Wrong PIN (%1 of %2 tries).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="238" />
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="239" />
        <source>Enter PIN</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="240" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="241" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="242" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="243" />
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>PrintStoppedScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="149" />
        <source>Printing stopped: %1 of %2 tickets came out</source>
        <translation>Printing stopped: %1 of %2 tickets came out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="154" />
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="160" />
        <source>%1</source>
        <comment>a number of tickets</comment>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="158" />
        <source>came out</source>
        <translation>came out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="164" />
        <source>did not come out</source>
        <translation>did not come out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="166" />
        <source>%1 of those may have come out only in part: if you find one in the slot, please hand it to staff too.</source>
        <translation>%1 of those may have come out only in part: if you find one in the slot, please hand it to staff too.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="174" />
        <source>Please take the tickets that came out, and show the reference at the service desk for the rest.</source>
        <translation>Please take the tickets that came out, and show the reference at the service desk for the rest.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="180" />
        <source>Please show the reference at the service desk for your tickets.</source>
        <translation>Please show the reference at the service desk for your tickets.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="189" />
        <source>You may photograph this screen to keep it.</source>
        <translation>You may photograph this screen to keep it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="192" />
        <source>For staff: %1</source>
        <translation>For staff: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="196" />
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="56" />
        <source>Confirming your payment</source>
        <translation>Confirming your payment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="57" />
        <source>Booking your seats</source>
        <translation>Booking your seats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="58" />
        <source>Finding your tickets</source>
        <translation>Finding your tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="59" />
        <source>Printing your tickets</source>
        <translation>Printing your tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="64" />
        <source>Ticket %1 of %2</source>
        <translation>Ticket %1 of %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="71" />
        <source>This takes a few seconds.</source>
        <translation>This takes a few seconds.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="74" />
        <source>Please stay here until your tickets are printed.</source>
        <translation>Please stay here until your tickets are printed.</translation>
    </message>
</context>
<context>
    <name>ReasonPicker</name>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="34" />
        <source>Paper ran out</source>
        <translation>Paper ran out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="35" />
        <source>Ticket jammed</source>
        <translation>Ticket jammed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="36" />
        <source>Ticket damaged</source>
        <translation>Ticket damaged</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="37" />
        <source>Printer fault</source>
        <translation>Printer fault</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="117" />
        <source>Or type another reason</source>
        <translation>Or type another reason</translation>
    </message>
</context>
<context>
    <name>RecentSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/recent_section.py" line="62" />
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/recent_section.py" line="63" />
        <source>No transactions yet.</source>
        <translation>No transactions yet.</translation>
    </message>
</context>
<context>
    <name>ReprintSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="67" />
        <source>Ticket %1 · printed %2</source>
        <translation>Ticket %1 · printed %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="72" />
        <source>%1 copy(ies) already</source>
        <translation>%1 copy(ies) already</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="76" />
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="177" />
        <source>No printed tickets found.</source>
        <translation>No printed tickets found.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="178" />
        <source>%1 printed ticket(s) found.</source>
        <translation>%1 printed ticket(s) found.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="197" />
        <source>A REPRINT copy of ticket %1 was printed.</source>
        <translation>A REPRINT copy of ticket %1 was printed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="209" />
        <source>Code or booking no.</source>
        <translation>Code or booking no.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="210" />
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="211" />
        <source>Last hour</source>
        <translation>Last hour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="212" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="213" />
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="215" />
        <source>Reason for the reprint (required):</source>
        <translation>Reason for the reprint (required):</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="90" />
        <source>Booking fee</source>
        <translation>Booking fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="101" />
        <source>Check your order</source>
        <translation>Check your order</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="113" />
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="118" />
        <source>Pay %1 ›</source>
        <translation>Pay %1 ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="124" />
        <source>Hurry: your seats will be released soon!</source>
        <translation>Hurry: your seats will be released soon!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="128" />
        <source>Your seats are held for you for</source>
        <translation>Your seats are held for you for</translation>
    </message>
</context>
<context>
    <name>SeatLegend</name>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="40" />
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="41" />
        <source>Your seat</source>
        <translation>Your seat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="42" />
        <source>Couple sofa</source>
        <translation>Couple sofa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="43" />
        <source>Sold</source>
        <translation>Sold</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="44" />
        <source>Wheelchair</source>
        <translation>Wheelchair</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="45" />
        <source>Reserved</source>
        <translation>Reserved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="46" />
        <source>On hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="47" />
        <source>Out of use</source>
        <translation>Out of use</translation>
    </message>
</context>
<context>
    <name>SeatMap</name>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_map.py" line="395" />
        <source>SCREEN</source>
        <translation>SCREEN</translation>
    </message>
</context>
<context>
    <name>SeatsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="234" />
        <source>That seat is not available. Please choose a free seat.</source>
        <translation>That seat is not available. Please choose a free seat.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="237" />
        <source>Your tickets are for another area. Choose a seat there, or go back and change tickets.</source>
        <translation>Your tickets are for another area. Choose a seat there, or go back and change tickets.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="242" />
        <source>You have all your seats. Tap a chosen seat to free it first.</source>
        <translation>You have all your seats. Tap a chosen seat to free it first.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="245" />
        <source>A couple sofa is sold whole. Choose more tickets, or another seat.</source>
        <translation>A couple sofa is sold whole. Choose more tickets, or another seat.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="253" />
        <source>Choose your seats</source>
        <translation>Choose your seats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="254" />
        <source>Confirm seats ›</source>
        <translation>Confirm seats ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="256" />
        <source>Sorry, some seats you chose were just taken by someone else. The map is up to date now: please choose again.</source>
        <translation>Sorry, some seats you chose were just taken by someone else. The map is up to date now: please choose again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="217" />
        <source>%1 of %2 chosen: %3</source>
        <translation>%1 of %2 chosen: %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="220" />
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="225" />
        <source>Tap %1 free seats on the map.</source>
        <translation>Tap %1 free seats on the map.</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../kiosk/ui/admin/section.py" line="54" />
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>SessionsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="59" />
        <source>ends %1</source>
        <translation>ends %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="107" />
        <location filename="../../kiosk/ui/screens/sessions.py" line="185" />
        <location filename="../../kiosk/ui/screens/sessions.py" line="239" />
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="112" />
        <source>Sold out</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="114" />
        <source>Not on sale</source>
        <translation>Not on sale</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="116" />
        <source>Only %1 seats left</source>
        <translation>Only %1 seats left</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="221" />
        <location filename="../../kiosk/ui/screens/sessions.py" line="225" />
        <source>Choose a time</source>
        <translation>Choose a time</translation>
    </message>
</context>
<context>
    <name>StaffWording</name>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="34" />
        <source>Ticket purchase</source>
        <translation>Ticket purchase</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="35" />
        <source>Ticket collection</source>
        <translation>Ticket collection</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="36" />
        <source>Staff reprint</source>
        <translation>Staff reprint</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="44" />
        <source>Choosing tickets</source>
        <translation>Choosing tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="45" />
        <source>Holding seats</source>
        <translation>Holding seats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="46" />
        <source>Seats held, not paid</source>
        <translation>Seats held, not paid</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="47" />
        <source>Waiting for payment</source>
        <translation>Waiting for payment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="48" />
        <source>Paid, confirming booking</source>
        <translation>Paid, confirming booking</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="49" />
        <source>Checking whether booked</source>
        <translation>Checking whether booked</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="50" />
        <source>Booked, handing over tickets</source>
        <translation>Booked, handing over tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="51" />
        <source>Cancelling</source>
        <translation>Cancelling</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="52" />
        <source>Refunding</source>
        <translation>Refunding</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="53" />
        <source>Needs staff</source>
        <translation>Needs staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="54" />
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="55" />
        <source>Cancelled, nothing charged</source>
        <translation>Cancelled, nothing charged</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="56" />
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="58" />
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="59" />
        <source>All tickets printed</source>
        <translation>All tickets printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="60" />
        <source>Already collected</source>
        <translation>Already collected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="61" />
        <source>Refused, nothing printed</source>
        <translation>Refused, nothing printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="62" />
        <source>Abandoned, nothing printed</source>
        <translation>Abandoned, nothing printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="63" />
        <source>Waiting for staff</source>
        <translation>Waiting for staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="64" />
        <source>Finished by staff</source>
        <translation>Finished by staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="66" />
        <source>Reprinted</source>
        <translation>Reprinted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="67" />
        <source>Reprint failed</source>
        <translation>Reprint failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="68" />
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="65" />
        <source>Printed, SARFT confirm still owed</source>
        <translation>Printed, SARFT confirm still owed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="84" />
        <source>holding the seats (Connect)</source>
        <translation>holding the seats (Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="85" />
        <source>creating the payment QR</source>
        <translation>creating the payment QR</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="86" />
        <source>telling Connect of the payment</source>
        <translation>telling Connect of the payment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="87" />
        <source>completing the booking (Connect)</source>
        <translation>completing the booking (Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="88" />
        <source>cancelling the order (Connect)</source>
        <translation>cancelling the order (Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="89" />
        <source>refunding the booking (Connect)</source>
        <translation>refunding the booking (Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="90" />
        <source>closing the payment QR</source>
        <translation>closing the payment QR</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="91" />
        <source>refunding the payment</source>
        <translation>refunding the payment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="92" />
        <source>charging a payment code</source>
        <translation>charging a payment code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="93" />
        <source>reversing a payment code</source>
        <translation>reversing a payment code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="94" />
        <source>asking about the payment</source>
        <translation>asking about the payment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="95" />
        <source>reading the order (Connect)</source>
        <translation>reading the order (Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="96" />
        <source>asking whether booked (Connect)</source>
        <translation>asking whether booked (Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="97" />
        <source>asking SARFT to print</source>
        <translation>asking SARFT to print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="98" />
        <source>printing a ticket</source>
        <translation>printing a ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="99" />
        <source>confirming the print to SARFT</source>
        <translation>confirming the print to SARFT</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="100" />
        <source>printing a marked copy of a ticket</source>
        <translation>printing a marked copy of a ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="116" />
        <source>“%1”</source>
        <comment>words quoted from the screen</comment>
        <translation>“%1”</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="129" />
        <source>Pickup code</source>
        <translation>Pickup code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="138" />
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="139" />
        <source>Show time</source>
        <translation>Show time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="140" />
        <source>Seats</source>
        <translation>Seats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="141" />
        <source>Seat hold</source>
        <translation>Seat hold</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="142" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="143" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="145" />
        <source>Ticket types</source>
        <translation>Ticket types</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="168" />
        <source>SARFT says the tickets were already collected</source>
        <translation>SARFT says the tickets were already collected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="171" />
        <source>SARFT reported an error</source>
        <translation>SARFT reported an error</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="172" />
        <source>SARFT has no such booking</source>
        <translation>SARFT has no such booking</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="173" />
        <source>SARFT refused the pickup code</source>
        <translation>SARFT refused the pickup code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="176" />
        <source>SARFT says the booking was refunded or cancelled</source>
        <translation>SARFT says the booking was refunded or cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="179" />
        <source>SARFT dropped the kiosk's sign-in</source>
        <translation>SARFT dropped the kiosk's sign-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="182" />
        <source>SARFT refused the kiosk's sign-in</source>
        <translation>SARFT refused the kiosk's sign-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="185" />
        <source>SARFT says the show has ended</source>
        <translation>SARFT says the show has ended</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="186" />
        <source>SARFT had not taken the request to print</source>
        <translation>SARFT had not taken the request to print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="189" />
        <source>SARFT refused with a code it does not explain</source>
        <translation>SARFT refused with a code it does not explain</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="192" />
        <source>the booking cannot be sent to SARFT</source>
        <translation>the booking cannot be sent to SARFT</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="201" />
        <source>the order's total was not the price shown</source>
        <translation>the order's total was not the price shown</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="204" />
        <source>holding the seats failed (%1)</source>
        <translation>holding the seats failed (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="207" />
        <source>seat hold ran out</source>
        <translation>seat hold ran out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="209" />
        <source>the payment QR could not be created</source>
        <translation>the payment QR could not be created</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="212" />
        <source>a payment code could not be reversed</source>
        <translation>a payment code could not be reversed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="215" />
        <source>paid by code, but the QR could not be closed</source>
        <translation>paid by code, but the QR could not be closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="218" />
        <source>paid, but the other QR could not be closed</source>
        <translation>paid, but the other QR could not be closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="221" />
        <source>the patron cancelled</source>
        <translation>the patron cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="222" />
        <source>time for payment ran out</source>
        <translation>time for payment ran out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="223" />
        <source>the payment was closed</source>
        <translation>the payment was closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="224" />
        <source>the amount paid was not the total</source>
        <translation>the amount paid was not the total</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="227" />
        <source>paid after the seat hold ran out</source>
        <translation>paid after the seat hold ran out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="398" />
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="414" />
        <source>payment the kiosk never saw</source>
        <translation>payment the kiosk never saw</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="415" />
        <source>paid, no tickets</source>
        <translation>paid, no tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="416" />
        <source>refund on its way</source>
        <translation>refund on its way</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="417" />
        <source>amount differs</source>
        <translation>amount differs</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="418" />
        <source>money kept, booking refunded</source>
        <translation>money kept, booking refunded</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="419" />
        <source>refunded, tickets issued</source>
        <translation>refunded, tickets issued</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="420" />
        <source>missing from the bill</source>
        <translation>missing from the bill</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="421" />
        <source>could not be checked</source>
        <translation>could not be checked</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="430" />
        <source>Not run yet on this kiosk (kiosk reconcile)</source>
        <translation>Not run yet on this kiosk (kiosk reconcile)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="444" />
        <source>1 mismatch: %2</source>
        <translation>1 mismatch: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="446" />
        <source>%1 mismatches: %2</source>
        <translation>%1 mismatches: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="452" />
        <source>everything matched</source>
        <translation>everything matched</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="461" />
        <source>bill not read: %1</source>
        <translation>bill not read: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="465" />
        <source>ran %1</source>
        <translation>ran %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="516" />
        <source>Printer status unknown (no reply)</source>
        <translation>Printer status unknown (no reply)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="518" />
        <source>Not answering (details: kiosk doctor, or the log)</source>
        <translation>Not answering (details: kiosk doctor, or the log)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="130" />
        <source>Booking number</source>
        <translation>Booking number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="131" />
        <source>Payment order</source>
        <translation>Payment order</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="132" />
        <source>Paid with</source>
        <translation>Paid with</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="133" />
        <source>Sold by</source>
        <translation>Sold by</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="134" />
        <source>Started from</source>
        <translation>Started from</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="135" />
        <source>Stopped because</source>
        <translation>Stopped because</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="136" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="137" />
        <source>Why staff are needed</source>
        <translation>Why staff are needed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="144" />
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="146" />
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="147" />
        <source>Purchase transaction</source>
        <translation>Purchase transaction</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="148" />
        <source>Finished by transaction</source>
        <translation>Finished by transaction</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="149" />
        <source>Settled by recovery</source>
        <translation>Settled by recovery</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="151" />
        <source>Code proven by SARFT alone (no Connect)</source>
        <translation>Code proven by SARFT alone (no Connect)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="152" />
        <source>Connect's failure</source>
        <translation>Connect's failure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="153" />
        <source>SARFT confirm failed</source>
        <translation>SARFT confirm failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="160" />
        <source>tickets still owed to the patron</source>
        <translation>tickets still owed to the patron</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="161" />
        <source>SARFT has not yet taken the confirm</source>
        <translation>SARFT has not yet taken the confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="162" />
        <source>ticket collection service unreachable</source>
        <translation>ticket collection service unreachable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="165" />
        <location filename="../../kiosk/ui/admin/wording.py" line="208" />
        <source>printer not ready</source>
        <translation>printer not ready</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="166" />
        <source>booking record incomplete</source>
        <translation>booking record incomplete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="200" />
        <source>seats no longer free</source>
        <translation>seats no longer free</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="234" />
        <source>cancelling failed</source>
        <translation>cancelling failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="233" />
        <source>no booking found</source>
        <translation>no booking found</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="235" />
        <source>booking was refunded</source>
        <translation>booking was refunded</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="230" />
        <source>payment not accepted</source>
        <translation>payment not accepted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="256" />
        <source>pickup code</source>
        <translation>pickup code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="257" />
        <source>purchase at this kiosk</source>
        <translation>purchase at this kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="258" />
        <source>online agent</source>
        <translation>online agent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="259" />
        <source>this cinema</source>
        <translation>this cinema</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="261" />
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="262" />
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="263" />
        <source>payment simulator</source>
        <translation>payment simulator</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="301" />
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="323" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="323" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="345" />
        <source>expires %1</source>
        <translation>expires %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="359" />
        <location filename="../../kiosk/ui/admin/wording.py" line="455" />
        <source>%1: %2</source>
        <comment>fact name: value</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="477" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="478" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="479" />
        <source>paper OK</source>
        <translation>paper OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="480" />
        <source>paper near end</source>
        <translation>paper near end</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="481" />
        <source>paper out</source>
        <translation>paper out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="482" />
        <source>cover open</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="483" />
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="496" />
        <source>Cinema %1 found (%2 cinemas on the system)</source>
        <translation>Cinema %1 found (%2 cinemas on the system)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="501" />
        <source>Cinema %1 is not on the cinema system (check cinema_id)</source>
        <translation>Cinema %1 is not on the cinema system (check cinema_id)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="505" />
        <source>Signed in</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="507" />
        <source>Answering</source>
        <translation>Answering</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="510" />
        <source>Printer does not report status (assumed ready)</source>
        <translation>Printer does not report status (assumed ready)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="514" />
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>StillThereScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="91" />
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="93" />
        <source>Touch Continue to carry on. Otherwise the kiosk cancels this order and goes back to the start in:</source>
        <translation>Touch Continue to carry on. Otherwise the kiosk cancels this order and goes back to the start in:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="99" />
        <source>Touch Continue to carry on. Otherwise the kiosk goes back to the start in:</source>
        <translation>Touch Continue to carry on. Otherwise the kiosk goes back to the start in:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="104" />
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="105" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
</context>
<context>
    <name>TicketTypesScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="184" />
        <source>%1 tickets · %2</source>
        <translation>%1 tickets · %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="190" />
        <source>How many tickets?</source>
        <translation>How many tickets?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="191" />
        <source>Choose seats ›</source>
        <translation>Choose seats ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="193" />
        <source>Up to %1 tickets per purchase.</source>
        <translation>Up to %1 tickets per purchase.</translation>
    </message>
</context>
<context>
    <name>ToolsSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="75" />
        <source>The test page may not have printed: %1</source>
        <translation>The test page may not have printed: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="78" />
        <source>Test page printed.</source>
        <translation>Test page printed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="89" />
        <source>Films and sessions reloaded from the cinema system.</source>
        <translation>Films and sessions reloaded from the cinema system.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="110" />
        <source>Closed: patrons see 'Out of service'.</source>
        <translation>Closed: patrons see 'Out of service'.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="111" />
        <source>Open to patrons again.</source>
        <translation>Open to patrons again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="150" />
        <source>Print a test page</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="151" />
        <source>Reload films and sessions</source>
        <translation>Reload films and sessions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="153" />
        <source>Open to patrons again</source>
        <translation>Open to patrons again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="155" />
        <source>Close to patrons</source>
        <translation>Close to patrons</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="157" />
        <source>Tap again to exit kiosk mode</source>
        <translation>Tap again to exit kiosk mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="159" />
        <source>Exit kiosk mode</source>
        <translation>Exit kiosk mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="161" />
        <source>Closes the kiosk program. Nobody can buy or collect until it is started again.</source>
        <translation>Closes the kiosk program. Nobody can buy or collect until it is started again.</translation>
    </message>
</context>
</TS>