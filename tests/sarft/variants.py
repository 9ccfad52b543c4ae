"""The SARFT wire variants the simulator speaks and the probe must tell apart.

Every framing ``kiosk sarft-probe`` tries, each with other choices varied along,
so that every value of every choice is spoken by at least one variant. Texts are
``kiosk sim --wire`` values.
"""

from __future__ import annotations

VARIANTS = [
    "",
    "length_prefix_bytes=4,length_byteorder=big",
    "length_prefix_bytes=4,length_counts_type=false,password_mode=md5",
    "length_prefix_bytes=4,length_byteorder=big,length_counts_type=false,text_encoding=utf-8",
    "length_prefix_bytes=2,float_byteorder=big",
    "length_prefix_bytes=2,length_byteorder=big,datetime_form=unix_millis",
    "length_prefix_bytes=2,length_counts_type=false,text_encoding=utf-8,password_mode=md5",
    "sarft_length_prefix_bytes=2,sarft_length_byteorder=big,sarft_length_counts_type=false",
    "length_prefix_bytes=0,length_byteorder=big,float_byteorder=big,datetime_form=unix_millis",
]
