/**
 * Words that never make a keyword of a 差评's reason (SPEC §9 "Concentrated complaints").
 *
 * Two kinds. Function words: pronouns, particles, conjunctions, adverbs of degree and time —
 * they carry no complaint. Generic words of this domain: every reason is about 办理 something
 * at a 窗口 with 工作人员 in a 大厅, and the item, window and staff are already known from the
 * rating itself; as keywords they would lead every list and hide what actually went wrong
 * (态度, 时限, 材料, 电话). Words that do say what went wrong are kept even when common.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `
的 了 是 在 我 我们 你 你们 他 他们 她 她们 它 它们 这 那 这个 那个 这些 那些 这样 那样 这里 那里 这么 那么
有 和 与 及 以及 或 或者 就 都 也 还 很 太 吗 呢 吧 啊 呀 哦 嗯 哎 唉 啦 嘛 么 哈 呃
一 一个 两个 几个 一下 一些 一点 一次 一直 一样 个 次 些 种 把 被 让 给 对 对于 从 向 往 到 于 为 为了 以 用 由 跟 同 比
不 没 没有 不是 就是 还是 只是 但是 可是 而且 并且 然后 所以 因为 如果 虽然 而 但 又 再 才 却 便 即 则 并
已经 已 曾 正在 刚 刚刚 马上 总是 经常 一般 可能 应该 需要 可以 能 能够 会 要 想 得 地 着 过 之 其 所
非常 特别 比较 十分 真的 真是 实在 确实 简直 有点 有些 更 最 挺 好 好像 觉得 感觉 认为 表示 希望 请
什么 怎么 怎样 怎么样 为什么 哪 哪里 谁 多少 几 啥 自己 大家 别人 人家 各位 每 每次 所有 其他 其它
上 下 里 中 内 外 前 后 时 时候 今天 昨天 明天 现在 当时 之前 之后 以后 以前 时候 还有 等 等等 之类
办理 办事 办 窗口 工作人员 工作 人员 服务 大厅 政务 政务服务 中心 事项 业务 差评 评价 不满意 满意 问题 情况 事情 东西 方面
`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Single characters are mostly function words and are dropped, except these few adjectives a
 * complaint often rests on (态度很差 segments to 态度 / 很 / 差).
 */
export const SINGLE_CHAR_KEYWORDS: ReadonlySet<string> = new Set([..."差慢乱凶脏吵久贵冷挤拖推"]);
