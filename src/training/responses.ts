/**
 * The response bank of the training simulator: how the simulated debtor (or guarantor, or third party)
 * words each reply intent, in spoken zh-CN Mandarin. The engine decides what the person does (the intent,
 * the mood from its hidden state, the amount and date spoken of); this bank only words it.
 *
 * Per intent: `common` lines any persona may say, by mood (calm, guarded, upset), and `byType` lines for a
 * persona type where it sounds different (强硬 hostile, 阴谋 scheming, 合作 cooperative, 感情 emotional,
 * 固执 stubborn, 虚荣 vain). The engine pools the type's lines with the common ones for the mood and
 * never repeats a line while an unused one remains, so a long call does not loop.
 *
 * Slots: {amount} and {date} only in the intents that carry them (offer, counter, accept, confirm_recap);
 * {creditor}; {debtor} — in the third-party intents the debtor's name (the person asked for), elsewhere
 * the 称呼 of the person on the line. Third-party lines speak as a relative or colleague and never assume
 * the debtor's gender.
 *
 * Every line is the debtor's, but read by the rulebook as if a collector said it, none may be a red line
 * (no threats, insults, jail, impersonation, borrowing to repay, waivers, personal accounts): the debtor
 * may be rude to the caller in tone, not in the words the rulebook flags. engine.test.ts checks every line.
 */
import type { Excuse, ExcuseLines, IntentLines, ReplyIntent } from './types';

export const RESPONSE_BANK: Readonly<Record<ReplyIntent, IntentLines>> = {
  answer: {
    common: {
      calm: ['喂，您好。', '喂，哪位？', '喂，你好，请讲。', '您好，请问哪位？', '喂？您好，您找谁？'],
      guarded: ['喂，谁啊？', '喂？哪里打来的？', '喂，哪位找？', '喂……这个号码我不认识，哪位？'],
      upset: ['喂！谁啊？', '喂，又是谁啊？忙着呢。', '说吧，什么事？', '喂？有事快说。'],
    },
    byType: {
      hostile: {
        upset: ['喂！谁？有话快说。', '又是你们吧？说！', '喂！吵死了，谁啊？'],
        guarded: ['喂，谁？', '喂，干嘛的？'],
      },
      vain: {
        calm: ['喂，你好，我这边正跟客户谈事，哪位？', '喂，您好，简单说，我一会儿还有个会。'],
        guarded: ['喂，哪位？我这会儿挺忙的。', '喂？我在外面应酬，哪位？'],
      },
      cooperative: {
        calm: ['喂，您好，请问哪位？', '哎，您好，哪位呀？'],
      },
      emotional: {
        calm: ['喂……您好，哪位呀？', '喂，您好……'],
        guarded: ['喂……谁呀？', '喂？是谁呀？'],
      },
      scheming: {
        guarded: ['喂，哪位？你找谁？', '喂，你哪里？先说是谁。'],
      },
      stubborn: {
        guarded: ['喂。', '喂，谁？'],
        upset: ['喂，又打来干嘛？', '喂，说。'],
      },
    },
  },

  ask_who: {
    common: {
      calm: [
        '不好意思，您是哪位？',
        '请问您是哪里？',
        '您哪位啊？先说一下您是哪儿的。',
        '您是？哪个单位的？',
        '我没听清，您是哪里打来的？',
      ],
      guarded: [
        '你是谁啊？哪里打来的？',
        '你先说你是哪个单位的。',
        '不说清楚是谁我就挂了。',
        '你到底是谁？我不认识这个号码。',
        '先报一下你是哪儿的，不然我不聊。',
        '现在骗子这么多，你先说清楚你是谁。',
      ],
      upset: [
        '你到底是谁？不说我挂了！',
        '连是谁都不说，我凭什么听你的？',
        '莫名其妙，你是哪里的？',
        '你先把你是谁说清楚！',
      ],
    },
    byType: {
      scheming: {
        guarded: ['你哪个单位的？叫什么名字？我记一下。', '你是谁？有工号吗？'],
      },
      vain: {
        calm: ['你是哪位？我们认识吗？', '哪家的？我手下人多，你得先说清楚。'],
      },
      hostile: {
        upset: ['你谁啊？报名字！', '不报家门就挂了，别浪费我时间。'],
      },
    },
  },

  confirm_identity: {
    common: {
      calm: ['对，我是，什么事？', '是我，您说。', '嗯，是我本人，怎么了？', '对，是我。有什么事吗？'],
      guarded: ['是我，什么事？', '嗯……是我。你们找我干嘛？', '我就是，有事说事吧。', '是我。怎么又打来了？'],
      upset: ['是我，又怎么了？', '是我！有话快说。', '是我，你们烦不烦？'],
    },
    byType: {
      vain: {
        calm: ['对，是我。什么事，简单说，我这边还有客户。', '是我。你们银行的？什么事？'],
        guarded: ['是我。有什么事这么急？'],
      },
      hostile: {
        upset: ['是我，怎么着？', '是我。又为那点钱吧？', '就是我，说吧。'],
      },
      cooperative: {
        calm: ['对对，我是，您请说。', '是的，是我本人，您说。'],
      },
      emotional: {
        calm: ['是我……有什么事吗？', '嗯，是我，您说吧。'],
        guarded: ['是我……是不是又是那个事？'],
      },
      stubborn: {
        guarded: ['是我。说吧。', '嗯，是我，你说。'],
      },
    },
  },

  deflect_identity: {
    common: {
      calm: [
        '你找他有什么事？',
        '你先说什么事。',
        '他不一定在，你有什么事跟我说吧。',
        '你找的是哪个？这个号好几个人用。',
      ],
      guarded: [
        '你先说什么事，我再看是不是。',
        '这个号码换人用了，你有什么事？',
        '你找他干嘛？',
        '你怎么有这个号码的？',
      ],
      upset: ['别问了，什么事直说。', '我凭什么告诉你我是谁？', '是不是的有什么关系，有话就说。'],
    },
    byType: {
      scheming: {
        calm: ['你找{debtor}啊？你先说是什么事吧。', '哦……什么事？你说了我再帮你看看。'],
        guarded: ['你找{debtor}？有什么事先跟我讲。', '你先说你是哪家的，找人干什么。'],
      },
      stubborn: {
        guarded: ['是不是的有什么关系，你说什么事吧。', '你先说事。'],
        upset: ['问那么多干嘛？说事。', '我不回答，你说你的。'],
      },
    },
  },

  third_party_absent: {
    common: {
      calm: [
        '{debtor}不在，出去了。您是哪位？',
        '{debtor}现在不在，有什么事吗？',
        '{debtor}啊？不在这儿，您是哪位？',
        '{debtor}出门了，手机可能没带，您找{debtor}什么事？',
      ],
      guarded: [
        '{debtor}不在。你是谁？找{debtor}干什么？',
        '你找{debtor}？人不在，你是哪儿的？',
        '不在。你是哪里的，找{debtor}做什么？',
      ],
      upset: ['{debtor}不在！你们到底是什么人？', '不在不在，别老打这个电话。'],
    },
    byType: {
      cooperative: {
        calm: [
          '哎，{debtor}不在家，上班去了。您是{debtor}的朋友吗？',
          '{debtor}这会儿不在，我是家里人，您有什么事？',
          '不在呢，{debtor}一早就出去了。您哪位呀？',
        ],
        guarded: ['{debtor}不在家。您是哪里的？有什么事我可以跟{debtor}说。'],
      },
      scheming: {
        calm: ['{debtor}？刚出去了，不知道什么时候回来。你哪位？', '{debtor}不在工位上，你找{debtor}啥事？'],
        guarded: ['{debtor}不在。你是哪家的？找{debtor}干嘛？', '人不在。你先说说你是干什么的。'],
      },
    },
  },

  third_party_probe: {
    common: {
      calm: [
        '那你找{debtor}到底是什么事啊？跟我说也一样。',
        '是什么事啊？要紧吗？',
        '你跟我说说是什么事，我好跟{debtor}讲。',
        '是不是{debtor}有什么事啊？你说一下嘛。',
      ],
      guarded: [
        '你们是什么单位的？找{debtor}干嘛？',
        '不说什么事，我怎么帮你转达？',
        '你到底有什么事？说清楚我才好转告。',
        '哪个单位的？打这个电话做什么？',
      ],
      upset: ['神神秘秘的，到底什么事？', '你不说清楚，我可不帮你传话。', '什么事不能跟我说？'],
    },
    byType: {
      cooperative: {
        calm: [
          '您是{debtor}的什么人呀？有什么事我可以先听听。',
          '是不是{debtor}工作上的事？你跟我说没关系的。',
          '您说嘛，我是家里人，有什么事不能讲的。',
        ],
        guarded: ['是不是{debtor}惹什么麻烦了？你跟我说实话。', '您这么说我更不放心了，到底什么事？'],
      },
      scheming: {
        calm: [
          '我们是一个部门的，关系很好，你直说吧，是不是钱的事？',
          '我听说{debtor}最近手头挺紧的，是不是跟这个有关？',
          '你这是银行打来的吧？我猜得对不对？',
          '我们公司这种电话多了，你就说是什么事嘛。',
        ],
        guarded: [
          '你不说我也能猜到几分，是不是催款的？',
          '要我转告也行，你总得说个大概吧？',
          '你说是私事，那到底是什么私事？',
        ],
      },
    },
  },

  third_party_take_message: {
    common: {
      calm: [
        '好的，我记下了，等{debtor}回来我让{debtor}给您回电话。',
        '行，我记一下，回头让{debtor}打给您。',
        '可以，我会转告的，您放心。',
        '好嘞，号码我记下了，{debtor}回来我就说。',
      ],
      guarded: ['那好吧，我转告一下，回不回就是{debtor}的事了。', '行吧，我跟{debtor}说一声。'],
      upset: ['知道了知道了，我会跟{debtor}说的。', '行，我说一声，别再打了。'],
    },
    byType: {
      cooperative: {
        calm: [
          '好的好的，我拿笔记一下……记好了，{debtor}回来我马上让{debtor}给您回电话。',
          '您放心，我一定转告，让{debtor}尽快联系您。',
        ],
      },
      scheming: {
        calm: ['行吧，我帮你带个话，{debtor}回不回我可管不了。', '好，我跟{debtor}说一声有人找。'],
        guarded: ['行，我转告一下。你不说什么事，我就说有人找。'],
      },
    },
  },

  third_party_shocked: {
    common: {
      calm: [
        '啊？{debtor}欠钱了？这……我都不知道。',
        '什么？有这种事？{debtor}从来没跟我说过。',
        '欠了这么多？你们怎么跟我说这个……',
      ],
      guarded: ['你跟我说这些干什么？我又不是{debtor}。', '这是{debtor}自己的事，你们怎么随便告诉别人？'],
      upset: ['你们怎么能到处跟人说这种事！我要投诉你们。', '这种事跟我讲合适吗？太不像话了。'],
    },
    byType: {
      cooperative: {
        calm: ['天哪，{debtor}怎么会欠钱……家里一点都不知道。', '这孩子怎么什么都不跟家里说……'],
      },
      scheming: {
        calm: ['哦——原来是这么回事，难怪{debtor}最近躲着电话。', '我就说嘛，{debtor}最近不对劲。'],
      },
    },
  },

  excuse: {
    common: {
      calm: ['我最近手头确实有点紧。', '这个我现在处理不了。'],
      guarded: ['我现在没办法，你们等等吧。'],
      upset: ['现在别跟我说这个。'],
    },
  },

  explain_reason: {
    common: {
      calm: ['最近家里事多，开销大，一下子顾不过来。'],
      guarded: ['原因就是手头紧，没别的。'],
      upset: ['还能有什么原因，就是没钱。'],
    },
  },

  dispute: {
    common: {
      calm: [
        '这个金额不对吧？我记得没这么多。',
        '怎么多出来这么多？你们是不是算错了？',
        '这笔我得先看明细才认。',
      ],
      guarded: ['这账我不认，你们先说清楚每一笔是怎么来的。', '数目跟我算的对不上。'],
      upset: ['乱七八糟的费用，我一分都不认！', '你们这账算得莫名其妙。'],
    },
  },

  soften: {
    common: {
      calm: [
        '嗯……你这么说我心里好受点了。',
        '行，你说得也有道理。',
        '好吧，我也不是不想还。',
        '唉，我知道是我的问题，你说怎么弄吧。',
        '你态度挺好的，那我们好好说。',
        '我也想早点处理掉，老压在心里也难受。',
      ],
      guarded: [
        '嗯，那你说说看有什么办法。',
        '好吧，我听着呢。',
        '行，你接着说。',
        '我也不是故意拖的，你说吧。',
        '嗯……你说的我考虑一下。',
      ],
      upset: ['……算了，你说吧，我听听。', '行吧行吧，别绕了，说怎么办。', '唉，我现在心里乱得很，你说吧。'],
    },
    byType: {
      emotional: {
        calm: [
          '谢谢你能理解我，好久没人这么跟我好好说话了。',
          '听你这么说，我心里踏实一点了。',
          '这段时间真的太难了……你愿意听我说，我挺感激的。',
        ],
        guarded: ['嗯……你真这么想？那我们慢慢说吧。', '你别怪我，我是真的有难处。'],
        upset: ['我也不想这样的……你让我缓一缓。', '你这么说，我心里好过一点了。'],
      },
      vain: {
        calm: [
          '你这话说得还算中听。我也不差这点钱，就是一时没顾上。',
          '我在圈子里也是讲信用的人，这事我会处理好。',
          '行，你们做事还算专业，那就说正事吧。',
        ],
        guarded: ['嗯，你知道我平时信用不错就好。', '我不是赖账的人，你说吧。'],
      },
      hostile: {
        calm: ['哼，你这个态度还行，比上次那个强。', '行，看你客气，我就听你说两句。'],
        guarded: ['说话还算客气，那你说吧。', '行，别跟我来硬的，好好说我就听。'],
        upset: ['……行，你说，我听着。', '少来那一套，不过你说吧。'],
      },
      stubborn: {
        calm: ['我还是那句话，不过你说得也有点道理。', '你说的我听进去了，但我有我的难处。'],
        guarded: ['嗯，你说的我知道，我再想想。', '好，你说，我听。'],
      },
      scheming: {
        calm: ['嗯，那你们那边有什么灵活的办法没有？', '好说好说，你看怎么安排比较好？'],
        guarded: ['行，那你说说，我听听合不合适。', '你先说你们能怎么安排。'],
      },
      cooperative: {
        calm: [
          '好的好的，我明白，我肯定会处理的。',
          '你说得对，这事我应该早点办。',
          '嗯，谢谢提醒，我们说具体的吧。',
        ],
      },
    },
  },

  concede_consequence: {
    common: {
      calm: [
        '会影响信用记录啊？那可不行，我以后还要办贷款的。',
        '这个我确实没想到，那还是早点处理吧。',
        '好吧，我不想弄得记录不好看。',
        '那……那我得想想办法了。',
      ],
      guarded: [
        '真有影响？……那你说怎么办。',
        '行吧，我知道轻重了，你说吧。',
        '这样的话，我还是先处理一部分吧。',
      ],
      upset: ['知道了！我又没说不还。', '别说了，我明白，你就说现在怎么弄吧。'],
    },
    byType: {
      vain: {
        calm: [
          '影响信用记录可不行，我公司还要跟银行打交道。',
          '这要是传出去，我脸往哪儿搁？赶紧弄清楚吧。',
          '我可不想因为这点事让记录难看，你说吧。',
        ],
        guarded: ['行，这个我在意，你说要怎么处理。'],
      },
      hostile: {
        guarded: ['哼……信用记录的事，我也得考虑。', '行，我知道了，你说要多少。'],
        upset: ['少拿这个说事……算了，你说要多少。', '行了行了，我听明白了。'],
      },
      scheming: {
        calm: ['那我们商量个折中的办法吧。', '这样啊……那你们能给我多少时间？'],
        guarded: ['行，这个我认，那具体怎么弄你说。'],
      },
      emotional: {
        calm: ['我不想弄到那一步……我会想办法的。'],
        upset: ['你别说了，我听着心慌……我想办法还。'],
      },
      cooperative: {
        calm: ['明白明白，我马上处理，不能影响记录。'],
      },
    },
  },

  defy: {
    common: {
      calm: ['那是你们的事，我现在就是没办法。', '随便吧，爱怎么样怎么样。', '这些我都知道，不用你提醒。'],
      guarded: [
        '你别拿信用记录说事，我不吃这一套。',
        '有影响就有影响吧，我现在顾不上。',
        '你们按程序走好了，我不怕。',
        '这话我听得多了。',
      ],
      upset: [
        '去告啊！我等着。',
        '你们爱怎么弄怎么弄，我就这态度。',
        '少来这套，我听得多了。',
        '说这些有什么用？',
      ],
    },
    byType: {
      hostile: {
        guarded: ['想拿这个压我？没用。', '你少给我上课。'],
        upset: ['你吓唬谁呢？我会投诉你的！', '告去吧，法院怎么判我就怎么办。', '别跟我说这些，我不听！'],
      },
      vain: {
        guarded: ['我什么场面没见过，这点事你也拿来说？', '你这是在教我做事？'],
        upset: ['跟我讲这个？你知道我是谁吗？', '我不需要你来提醒我！'],
      },
      stubborn: {
        guarded: ['我说了过段时间，说什么都没用。', '我就这个意思，不改。'],
        upset: ['说破天我也是这句话。'],
      },
      scheming: {
        guarded: ['嗯，那你们就按程序走吧，我也不急。', '你说的这些我都查过，没那么严重吧。'],
      },
      emotional: {
        upset: ['你们就知道逼我……我现在真的没办法。', '我都这样了，你们还说这些……'],
      },
    },
  },

  offer: {
    common: {
      calm: [
        '这样吧，我{date}先还{amount}，行吗？',
        '我能做到的是{date}还{amount}。',
        '{date}我先转{amount}，剩下的再说。',
        '我算了一下，{date}能拿出{amount}。',
        '要不我{date}先还{amount}，你看可以吧？',
      ],
      guarded: [
        '最多{date}还{amount}，再多真没有。',
        '{date}先还{amount}，别的我现在答应不了。',
        '那就{date}，{amount}，就这么多。',
      ],
      upset: [
        '{date}还{amount}，就这样，不行我也没办法。',
        '我只能{date}给{amount}，别再问了。',
        '就{date}，{amount}，我没别的办法了。',
      ],
    },
    byType: {
      scheming: {
        calm: [
          '先还{amount}吧，{date}，剩下的等我手头宽裕了再说。',
          '{date}我先还{amount}，表示一下诚意，行吧？',
        ],
        guarded: ['我这边最多{date}还{amount}，你们看着办。', '{amount}，{date}，多了真没有。'],
      },
      emotional: {
        calm: ['我实在拿不出多少……{date}先还{amount}可以吗？我尽力了。', '{date}我先凑{amount}，好不好？'],
        guarded: ['{date}先还{amount}吧，我只能做到这样了。'],
        upset: ['我真的就这么多了……{date}还{amount}，行吗？'],
      },
      vain: {
        calm: ['{amount}嘛，{date}我就处理了，这点钱不算什么。', '{date}我把{amount}还了，你放心。'],
      },
      hostile: {
        guarded: ['{date}，{amount}，多一分都没有。', '{amount}，{date}给你们，行就行，不行拉倒。'],
        upset: ['{date}还{amount}，爱要不要。'],
      },
      cooperative: {
        calm: ['我{date}就能还{amount}，您看行吗？', '那我{date}把{amount}还上吧。'],
      },
      stubborn: {
        guarded: ['{date}还{amount}，我就这个能力。', '我只能{date}还{amount}，别的别说了。'],
      },
    },
  },

  counter: {
    common: {
      calm: [
        '{amount}是我能做到最多的了，{date}可以吗？',
        '那么多我一下拿不出来，{date}先还{amount}行不行？',
        '能不能{date}还{amount}？全部的话我真做不到。',
        '太急了，我{date}能凑{amount}。',
        '要不这样，{date}还{amount}，你看行不行？',
      ],
      guarded: [
        '这个数太多了，{date}还{amount}，我就这个能力。',
        '你说的我做不到，{date}还{amount}吧。',
        '时间太紧了，{date}还{amount}还差不多。',
      ],
      upset: [
        '我说了没那么多！{date}还{amount}，要不要随你。',
        '别催了，{date}只能{amount}。',
        '你说的我做不到！顶多{date}还{amount}。',
      ],
    },
    byType: {
      scheming: {
        calm: [
          '那么多不现实，{date}先还{amount}，你看怎么样？',
          '你们也体谅一下，{date}还{amount}，不能再多了。',
        ],
        guarded: ['这样吧，{date}{amount}，我也让一步。', '一口气拿那么多谁都不行，{date}还{amount}。'],
      },
      emotional: {
        calm: ['我真的没那么多……{date}还{amount}，行不行？', '能不能少一点，{date}先还{amount}？'],
        upset: ['我拿不出来啊……{date}还{amount}，求你了。'],
      },
      hostile: {
        guarded: ['做不到。{date}，{amount}，就这样。'],
        upset: ['你当我印钞票的？{date}还{amount}。'],
      },
      vain: {
        calm: ['不是钱的问题，时间上得安排一下，{date}还{amount}吧。'],
      },
      stubborn: {
        guarded: ['我说了我能做到的就是{date}还{amount}。'],
      },
    },
  },

  accept: {
    common: {
      calm: [
        '行，那就{date}还{amount}。',
        '好，{date}我还{amount}，没问题。',
        '可以，{date}把{amount}还上。',
        '好的，那就说定了，{date}还{amount}。',
        '行吧，{date}我想办法还{amount}。',
      ],
      guarded: [
        '行吧，{date}还{amount}，我尽量。',
        '好，{date}{amount}，我记下了。',
        '那就这样，{date}还{amount}。',
      ],
      upset: [
        '行行行，{date}还{amount}，可以了吧？',
        '好，{date}{amount}，别再催了。',
        '知道了，{date}还{amount}，就这么办。',
      ],
    },
    byType: {
      vain: {
        calm: ['没问题，{date}{amount}我就处理了，你放心。', '行，{date}还{amount}，这点事我说到做到。'],
      },
      emotional: {
        calm: ['好……{date}我一定把{amount}还上，谢谢你体谅我。', '嗯，{date}还{amount}，我会做到的。'],
        guarded: ['好吧，{date}{amount}，我去想办法。'],
      },
      cooperative: {
        calm: ['好的，{date}还{amount}，我记在手机上了。', '没问题，{date}我就还{amount}。'],
      },
      hostile: {
        guarded: ['行，{date}{amount}，就这么定了。'],
        upset: ['行，{date}还{amount}，说完了吧？'],
      },
      scheming: {
        calm: ['好吧，{date}还{amount}，就按你说的。'],
        guarded: ['行，{date}{amount}，就这一次啊。'],
      },
      stubborn: {
        guarded: ['好，{date}{amount}，说话算话。'],
      },
    },
  },

  ask_channel: {
    common: {
      calm: ['那我怎么还？在哪儿操作？', '我该往哪里还？', '还款的话走什么渠道？', '我是转账还是怎么弄？'],
      guarded: ['怎么还？你说清楚，我怕弄错。', '钱往哪儿还？你说个正规的途径。'],
      upset: ['怎么还？快说。', '往哪儿还？说清楚。'],
    },
    byType: {
      emotional: {
        calm: ['我对这些不太懂，怎么还比较方便？'],
      },
      scheming: {
        guarded: ['还到哪里？我得确认是你们官方的。'],
      },
    },
  },

  confirm_recap: {
    common: {
      calm: [
        '对，{date}还{amount}，我记住了。',
        '没错，{date}{amount}。',
        '嗯，是这样，{date}我还{amount}。',
        '对的，{date}{amount}，我会按时还的。',
      ],
      guarded: ['对，{date}，{amount}。', '嗯，{date}还{amount}，就这样。'],
      upset: ['对对对，{date}{amount}，记下了。', '是，{date}{amount}。'],
    },
    byType: {
      cooperative: {
        calm: ['对的，{date}还{amount}，谢谢您提醒。'],
      },
      vain: {
        calm: ['对，{date}{amount}，放心吧。'],
      },
      emotional: {
        calm: ['嗯，{date}还{amount}，我记着呢。'],
      },
    },
  },

  stall: {
    common: {
      calm: [
        '这个我得再想想，过两天再说吧。',
        '我现在说不准，回头再给你答复。',
        '等我回去算算账再说。',
        '你让我考虑考虑。',
        '我现在没法给准话。',
      ],
      guarded: [
        '再说吧，我现在定不了。',
        '我会处理的，但现在别问我哪天。',
        '回头再说，我这会儿忙。',
        '你们别催，我心里有数。',
      ],
      upset: ['说了再说，你听不懂吗？', '我现在没心情谈这个。', '别追着问了，我会看着办的。'],
    },
    byType: {
      scheming: {
        calm: ['最近有几笔钱要回来，到时候再说。', '我得跟家里商量一下，回头再说。'],
        guarded: ['这个嘛……等月底再看吧。', '现在说不好，等等再说。'],
      },
      emotional: {
        calm: ['我现在脑子很乱，让我缓一缓好吗？'],
        upset: ['别问了，我现在真的不知道……'],
      },
      hostile: {
        guarded: ['你催也没用，我什么时候有了什么时候还。'],
        upset: ['有钱了自然会还，别一直打电话。'],
      },
      vain: {
        calm: ['这点小事，我回头安排一下就行。'],
        guarded: ['我手上事情多，等忙完这阵再说。'],
      },
      stubborn: {
        guarded: ['我说了过段时间，就是过段时间。'],
        upset: ['我就是这个意思，你再问也一样。'],
      },
    },
  },

  confused: {
    common: {
      calm: [
        '啊？你说什么？',
        '不好意思，没听清，您再说一遍？',
        '你这是什么意思？我没听明白。',
        '嗯？信号不好，你刚才说什么？',
        '您说慢一点，我没跟上。',
      ],
      guarded: [
        '你到底想说什么？',
        '说重点吧，什么事？',
        '我听不懂你在说什么。',
        '你绕来绕去的，到底要干嘛？',
      ],
      upset: ['你在说什么啊？莫名其妙。', '听不懂，你到底要说什么？', '你要是没事我挂了。'],
    },
    byType: {
      emotional: {
        calm: ['啊？我没太听懂……'],
      },
      vain: {
        guarded: ['我时间有限，你说重点。'],
      },
    },
  },

  angry: {
    common: {
      calm: ['你这是什么态度？好好说话行不行？', '你怎么这么说话？'],
      guarded: [
        '你这是在威胁我吗？我可以投诉你的。',
        '说话客气点，我又不是不还。',
        '你们就是这么催收的？我要投诉。',
      ],
      upset: ['你什么态度！我要投诉你！', '别跟我来这套，我现在就投诉。', '你再这么说话我马上挂了。'],
    },
    byType: {
      emotional: {
        guarded: ['你怎么能这么说……我已经很难了。'],
        upset: ['你们怎么这样……我要去投诉。'],
      },
      vain: {
        upset: ['你知道你在跟谁说话吗？我要找你们领导投诉！'],
      },
      cooperative: {
        guarded: ['我一直好好跟你说，你怎么这样？'],
      },
    },
  },

  call_out: {
    common: {
      calm: [
        '你不是{creditor}的吗？怎么又说成别的了？你到底是谁？',
        '你这个说法不对吧，我会去核实的。',
        '你刚才说的，我不太信，我要打官方客服核实一下。',
      ],
      guarded: [
        '别骗我了，你们哪有这个权力？',
        '你这是骗人吧？我会打{creditor}的官方电话问清楚。',
        '你说的这个不对，我要去查一下是不是真的。',
      ],
      upset: ['你是骗子吧？我这就挂了去核实。', '胡说八道，别唬我，我要投诉。'],
    },
    byType: {
      scheming: {
        guarded: ['呵，这种话也说得出来，我录音了啊。', '你刚才那句话，我会拿去投诉的。'],
      },
      vain: {
        guarded: ['我认识的人多，你这说法一听就不对。'],
      },
    },
  },

  goodbye: {
    common: {
      calm: ['好的，再见。', '行，那先这样，拜拜。', '好，谢谢，再见。', '嗯，知道了，再见。'],
      guarded: ['行，就这样吧。', '嗯，挂了。', '好，再见。'],
      upset: ['行了，挂了。', '就这样，别再打了。'],
    },
    byType: {
      cooperative: {
        calm: ['好的，谢谢您，再见。', '好嘞，麻烦您了，再见。'],
      },
      vain: {
        calm: ['行，就这样，回头见。'],
      },
      emotional: {
        calm: ['谢谢你……再见。'],
      },
    },
  },

  hang_up: {
    common: {
      calm: ['我现在有事，先挂了。', '不好意思，我这边要忙了，挂了啊。', '好了，我先挂了。'],
      guarded: ['我不想聊了，挂了。', '没什么好说的，挂了。', '今天就到这儿吧，我挂了。'],
      upset: ['烦死了，别再打了！', '我挂了！', '懒得跟你说，挂了。'],
    },
    byType: {
      hostile: {
        upset: ['没完了是吧？挂了！', '别再打来了！'],
      },
    },
  },
};

export const EXCUSE_LINES: Readonly<Record<Excuse, ExcuseLines>> = {
  no_money: {
    raise: {
      common: {
        calm: [
          '我现在手上真的没钱。',
          '最近实在周转不开，拿不出来。',
          '不是不想还，是真的没钱。',
          '钱都花在家里了，一时拿不出来。',
        ],
        guarded: ['没钱，你打多少次电话也没钱。', '我现在是真没有，你让我怎么还？', '兜里就剩生活费了。'],
        upset: ['没钱！说几遍了？', '没钱就是没钱，你催也没用。'],
      },
      byType: {
        emotional: {
          calm: ['我现在连下个月房租都不知道在哪儿……', '我真的一分钱都拿不出来了。'],
          guarded: ['我是真的没有，不是骗你……'],
          upset: ['你让我拿什么还啊？我真的没钱了！'],
        },
        cooperative: {
          calm: ['说实话，这个月手头确实有点紧。'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '家里老人看病花了一大笔，工资又晚发了两个月，现在每个月都紧巴巴的。',
          '这两个月收入少了一半，房租水电一交就不剩什么了。',
          '孩子上学刚交了一笔钱，手上一下子就空了。',
        ],
        guarded: ['还能为什么，收入跟不上开销呗。', '开销太大了，入不敷出。'],
        upset: ['就是没钱，还要什么原因？'],
      },
    },
  },

  lost_job: {
    raise: {
      common: {
        calm: ['我失业了，哪有钱还。', '公司裁员，我现在没工作。', '工作没了，收入也断了。'],
        guarded: ['我都没工作了，你让我怎么还？', '失业了，你们催也没用。'],
        upset: ['我工作都没了！你还天天打电话！'],
      },
      byType: {
        emotional: {
          calm: ['工作说没就没了，我现在真不知道怎么办……', '我被裁了，每天都睡不好。'],
          guarded: ['我现在没工作，你别逼我了……'],
          upset: ['我都失业了，你们还来……'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '公司业务不好，上个月把我们一批人都裁了，补偿金还没发下来。',
          '我在那儿干了好几年，说裁就裁了，现在到处投简历也没回音。',
          '失业以后一直在找工作，面试了几家都还没消息。',
        ],
        guarded: ['公司裁员呗，我也没办法。', '被裁了，新工作还没着落。'],
        upset: ['公司不要我了，还要什么原因！'],
      },
      byType: {
        emotional: {
          calm: [
            '干了六年的地方说关就关，家里还有孩子要养，我这些天天天哭……',
            '裁员名单里有我，我到现在都没缓过来，家里开销一点没少。',
          ],
        },
      },
    },
  },

  illness: {
    raise: {
      common: {
        calm: ['我在住院，哪有精力管这个。', '我身体不好，刚做完手术。', '生病了，钱都交医药费了。'],
        guarded: ['我病着呢，你们就不能缓一缓吗？', '我现在身体这样，真的顾不上。'],
        upset: ['我都病成这样了，你们还催！'],
      },
      byType: {
        emotional: {
          calm: ['我这身体……唉，刚从医院回来，真的没办法。'],
          upset: ['我都住院了，你们还打……'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '上个月查出来要做手术，住了两个多星期的院，医药费花了好几万。',
          '我这病要长期吃药，每个月药钱就得一千多，退休金根本不够。',
          '出院以后还得复查，家里的钱都拿去看病了。',
        ],
        guarded: ['生病了呗，看病花钱，就这么简单。'],
        upset: ['病了，没钱了，还要我说什么？'],
      },
    },
  },

  already_paid: {
    raise: {
      common: {
        calm: ['我已经还了啊，你们没收到吗？', '上周就转过去了。', '我记得我还过了，你们再查查。'],
        guarded: ['我还过了，你们自己查清楚再打来。', '钱我早就还了，怎么还找我？'],
        upset: ['都说了还了！你们查不到是你们的事！'],
      },
      byType: {
        scheming: {
          calm: ['我早就转账了，你们系统是不是有问题？', '还了呀，前几天刚转的。'],
          guarded: ['我转过了，你们自己对账去。', '上次就还了，你们内部没对上吧？'],
        },
      },
    },
    explain: {
      common: {
        calm: ['我是手机上转的，具体哪天我得翻一下记录。', '我记得是月初转的，可能转错账户了吧。'],
        guarded: ['转账记录在我手机上，现在不方便找。', '我让人帮我转的，可能还在路上吧。'],
        upset: ['记录我有，凭什么要我现在找给你看？'],
      },
      byType: {
        scheming: {
          calm: [
            '那天我在外地，用别人的手机转的，记录一时找不到。',
            '好像是转了一部分……具体多少我记不清了。',
          ],
        },
      },
    },
  },

  pay_later: {
    raise: {
      common: {
        calm: [
          '过几天再还吧，现在不方便。',
          '下个月吧，下个月发了工资就还。',
          '不急，我过阵子一起还。',
          '等我手头宽裕点再说。',
        ],
        guarded: ['会还的，但不是现在。', '再等等吧，我又没说不还。', '过段时间，过段时间一定还。'],
        upset: ['说了会还，你们急什么？', '过几天再说！'],
      },
      byType: {
        emotional: {
          calm: ['能不能再给我一点时间……我会还的。'],
          guarded: ['再宽限几天好吗？我在想办法了。'],
        },
        stubborn: {
          guarded: ['下个月再说，我说话算话。', '我说了过阵子还，就是过阵子。'],
        },
        scheming: {
          calm: ['等我这边几笔款到了，一起给你们结清。'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '我在等一笔钱到账，到了就能还。',
          '发工资要到下个月，现在确实拿不出来。',
          '有个客户欠我的钱还没结，结了我就还。',
        ],
        guarded: ['现在手上的钱另有用处，过阵子就宽松了。', '这个月开销大，下个月就好了。'],
        upset: ['就是现在没有，过几天就有了，还要怎么说？'],
      },
    },
  },

  spouse_will_pay: {
    raise: {
      common: {
        calm: [
          '家里的账都是我爱人在管，你跟我说没用。',
          '我爱人说会还的，你问我也不清楚。',
          '这张卡一直是家里那位在还，我不太管。',
        ],
        guarded: ['这事不归我管，家里有人管。', '我跟家里说过了，会有人还的。'],
        upset: ['都说了家里会还，还打给我干嘛？'],
      },
      byType: {
        stubborn: {
          guarded: ['钱的事我不管，家里管，我上次就说了。', '我不管账，跟我说没用。'],
        },
      },
    },
    explain: {
      common: {
        calm: ['工资卡都交给家里了，我自己手上没钱。', '我们说好了这张卡由家里统一还，估计是忘了。'],
        guarded: ['家里的钱不是我管的，我也不知道为什么没还。'],
        upset: ['家里的事你就别问了。'],
      },
    },
  },

  not_my_spending: {
    raise: {
      common: {
        calm: ['这些钱不是我花的。', '那几笔消费我根本不知道。', '卡被别人用了，不是我刷的。'],
        guarded: ['不是我刷的，我凭什么还？', '那些消费跟我没关系。'],
        upset: ['说了不是我刷的！你们去查！'],
      },
      byType: {
        vain: {
          calm: ['我一个经理，犯得着去商场刷这些？肯定不是我。'],
          guarded: ['我怎么会花这种钱，你们搞清楚再说。'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '卡有段时间给家里人用过，那几笔商场的消费我真不清楚。',
          '我以为那张卡早就不用了，谁知道有人拿去刷了。',
        ],
        guarded: ['卡不在我身上有一阵子了，谁刷的我也说不好。'],
        upset: ['我哪知道谁刷的？反正不是我。'],
      },
      byType: {
        vain: {
          calm: ['那阵子我在外地出差，卡放在家里，回来才看到这些消费，丢人的事我不想多说。'],
        },
      },
    },
  },

  send_bill_first: {
    raise: {
      common: {
        calm: ['你先把账单明细发给我，我看了再说。', '账单我都没收到，怎么知道欠多少？', '我得先看看明细。'],
        guarded: ['没看到明细我是不会还的。', '你们先把每一笔列清楚。'],
        upset: ['明细都没有就来要钱？'],
      },
    },
    explain: {
      common: {
        calm: [
          '我换了地址，账单一直没收到，你们说多少我也不清楚。',
          '我要先核对一下每笔消费，不能你们说多少就是多少。',
        ],
        guarded: ['上次说的数和这次不一样，我得自己看。'],
        upset: ['没账单我怎么知道对不对？'],
      },
    },
  },

  fees_unfair: {
    raise: {
      common: {
        calm: ['这利息和罚息也太高了吧？', '本金才多少，怎么多出来这么多费用？', '这些费用我觉得不合理。'],
        guarded: ['这些费用我不认，太不合理了。', '你们这个收费有问题。'],
        upset: ['这么多费用，你们这是抢钱啊！'],
      },
      byType: {
        scheming: {
          calm: ['费用这块你们得给我个说法，我查过，你们这个收费偏高。'],
          guarded: ['费用不讲清楚，我一分都不会还。', '我已经投诉过费用的事了，你们先回复我。'],
        },
        hostile: {
          upset: ['这些乱七八糟的费用，谁认谁傻！'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '借的时候说利息很低，现在一算滚了这么多，感觉被坑了。',
          '违约金、罚息一项一项加上来，跟本金都差不多了，换谁都不服。',
        ],
        guarded: ['我就是觉得费用算得不对，要一笔笔说清楚。'],
        upset: ['费用高得离谱，这就是原因！'],
      },
    },
  },

  sue_me: {
    raise: {
      common: {
        calm: ['有本事你们去起诉我啊。', '要告就告，我不怕。', '你们走法律程序吧。'],
        guarded: ['去告吧，我等着。', '告我好了，法院说多少就多少。'],
        upset: ['告啊！谁怕谁！', '去法院告我啊，别天天打电话！'],
      },
      byType: {
        hostile: {
          guarded: ['告我？随便，我不差这个。'],
          upset: ['有种就去告，别在电话里啰嗦！', '我就不还，你们去起诉啊！'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '我就是不服你们天天打电话，真要打官司也行，让法院说了算。',
          '你们那些费用我不认，上了法庭再说。',
        ],
        guarded: ['我觉得你们不讲理，不如让法院判。'],
        upset: ['原因就是我不想跟你们说！'],
      },
    },
  },

  want_supervisor: {
    raise: {
      common: {
        calm: ['你做不了主，让你们领导来跟我谈。', '叫你们主管接电话。', '我不跟你说，找个能拍板的来。'],
        guarded: ['你说了不算，让你们领导来。', '换个主管来跟我谈。'],
        upset: ['我不跟你谈！叫你们领导来！'],
      },
      byType: {
        vain: {
          calm: ['我跟你们行里的领导都打过交道，你让你们主管来跟我说。', '这种事你做不了主，换个领导来。'],
          guarded: ['让你们经理给我打电话，我只跟管事的人谈。'],
          upset: ['你什么级别？叫你们领导来！'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '上次跟你们的人说好的事，转头就变了，我只信说话算数的人。',
          '我要的是一个能做决定的人，不想一遍遍跟不同的人重复。',
        ],
        guarded: ['跟你们下面的人说了好多次都没用。'],
        upset: ['跟你说有什么用？你又做不了主！'],
      },
    },
  },

  forgot: {
    raise: {
      common: {
        calm: ['哎呀，我给忘了。', '最近太忙，忘了还款日了。', '是吗？我都没注意到已经过期了。'],
        guarded: ['忘了，不是故意的。', '就是忘了，至于天天打电话吗？'],
        upset: ['忘了而已，有什么大不了的。'],
      },
      byType: {
        vain: {
          calm: ['哦，这个啊，我没留意，以前都是自动扣的。', '这点钱我怎么会不还，就是没注意到。'],
          guarded: ['我还能差这点钱？就是没顾上。'],
        },
        cooperative: {
          calm: ['哎呀，真不好意思，我给忘了。', '啊，逾期了？我完全没注意到。'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '这阵子项目赶工，天天加班，短信看到了也没顾上。',
          '以前都是自动扣的，这次换了卡，我以为还会自动扣。',
          '出差了一段时间，回来就把这事忘了。',
        ],
        guarded: ['太忙了，就是忘了，没别的。'],
        upset: ['忘了就是忘了，还要什么原因。'],
      },
      byType: {
        vain: {
          calm: [
            '我上个月换了工资卡，扣款那张卡里没钱了，财务那边也没提醒我。',
            '公司这阵子事多，这种小事我没盯着。',
          ],
        },
      },
    },
  },

  business_cashflow: {
    raise: {
      common: {
        calm: ['店里最近资金转不过来。', '生意不好，货款还压着。', '进货把钱都压进去了，手上没现金。'],
        guarded: ['做生意的都这样，钱都在货上。', '现在周转不开，你们等一等。'],
        upset: ['生意都快做不下去了，哪有钱？'],
      },
    },
    explain: {
      common: {
        calm: [
          '这两个月生意淡，进的货压着卖不动，客户的款又拖着没结。',
          '我们小本生意，一笔货款没回来，整个资金就转不动了。',
          '房租刚交了半年的，又进了一批货，手上现钱一下就没了。',
        ],
        guarded: ['就是周转问题，钱都压在货上。'],
        upset: ['生意不好，还要我怎么说？'],
      },
      byType: {
        cooperative: {
          calm: ['天冷了生意淡，进的货压在店里，下旬有几笔货款能回来，回来就好办了。'],
        },
      },
    },
  },

  quality_dispute: {
    raise: {
      common: {
        calm: [
          '那边的服务根本不对，我凭什么还钱？',
          '东西有问题，这钱我不该还。',
          '课程缩水了，这钱我不想还。',
        ],
        guarded: ['问题没解决之前，我不会还的。', '他们服务没做到，这钱我不认。'],
        upset: ['被坑了还要我还钱？没门！'],
      },
      byType: {
        stubborn: {
          guarded: ['机构的问题不解决，我一分不还。', '我就认一个理：服务没做到，钱就不该还。'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '报名的时候说一对一辅导，结果老师换了好几个，课也少了一半，我已经向消协反映了。',
          '当初说好的服务后面全打了折扣，我已经去投诉了，问题没解决之前我不想还。',
        ],
        guarded: ['那家机构的问题我已经投诉了，还没回复。'],
        upset: ['他们骗了我，你们还帮着要钱！'],
      },
    },
  },

  not_my_debt: {
    raise: {
      common: {
        calm: ['这钱又不是我借的，找我干什么？', '谁借的你找谁去。', '我就是签了个字，钱一分没用。'],
        guarded: ['借钱的又不是我，跟我说不着。', '你们找借款人去，别找我。'],
        upset: ['不是我借的！别找我！'],
      },
      byType: {
        stubborn: {
          guarded: ['我没借钱，我不还，就这么简单。', '钱我一分没拿，凭什么找我？'],
          upset: ['说一百遍也一样，不是我借的！'],
        },
      },
    },
    explain: {
      common: {
        calm: [
          '当时是朋友做生意，求我签个字帮忙，我哪知道会这样。',
          '借钱的人我也联系不上，电话不接，我比你们还着急。',
        ],
        guarded: ['我就是帮人签了个字，钱我一分没见到。'],
        upset: ['人跑了，倒来找我，这叫什么事！'],
      },
    },
  },
};
