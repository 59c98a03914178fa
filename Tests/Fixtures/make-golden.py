#!/usr/bin/env python3
"""Writes report-complete.txt: the bundled template filled by hand with answers-complete.json.

Read from the template itself, not from tiankong: lines 16–35 (the title to the last paragraph),
without the advert on line 18, each blank replaced by its answer as written in the report."""
import pathlib

here = pathlib.Path(__file__).parent
seed = (here / '../../Resources/templates/2020年党建工作总结（党组）.txt').read_text(encoding='utf-8').split('\n')
text = '\n'.join(seed[15:17] + seed[18:35]) + '\n'
replacements = [
    ('今年以来，XXX党组坚持', '今年以来，市财政局党组坚持'),
    ('党组扩大会议学习X次', '党组扩大会议学习12次'),
    ('指示精神工作X次', '指示精神工作6次'),
    ('上党课X次', '上党课4次'),
    ('党建工作会议X次', '党建工作会议8次'),
    ('共建活动X次', '共建活动3次'),
    ('着力为XX发展', '着力为财政发展'),
    ('问题X件', '问题1560件'),
    ('正式运行XX微信公众号', '正式运行陇原财政微信公众号'),
    ('推介XX等权威机构', '推介国家卫健委等权威机构'),
    ('政策措施X余篇', '政策措施200余篇'),
    ('讲好XX抗击疫情', '讲好财政人抗击疫情'),
    ('全系统X名在职党员', '全系统86名在职党员'),
    ('X月初召开', '3月初召开'),
    ('对X局党组', '对市财政局党组'),
    ('X月份召开', '11月份召开'),
    ('对XX系统领导干部', '对全市财政系统领导干部'),
    ('今年以来，XXX党组工作', '今年以来，市财政局党组工作'),
    ('下一步，XXX党组将', '下一步，市财政局党组将'),
    ('促进我XXX事业', '促进我市财政事业'),
]
for old, new in replacements:
    assert text.count(old) == 1, old
    text = text.replace(old, new)
assert 'X' not in text
(here / 'report-complete.txt').write_text(text, encoding='utf-8')
