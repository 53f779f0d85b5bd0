import { defineMessages } from '../i18n/define-messages';

/** What live updates say on the workspace list and the record page. */
export const realtimeMessages = defineMessages(
  {
    'realtime.list.newOne': '有 1 条新记录',
    'realtime.list.new': '有 {count} 条新记录',
    'realtime.list.changed': '列表中的记录有变动',
    'realtime.list.show': '显示',
    'realtime.list.refresh': '刷新',
    'realtime.record.changed': '其他人刚刚修改了这条记录，当前显示的是旧内容。',
    'realtime.record.deleted': '这条记录刚刚被删除了。',
    'realtime.record.reload': '重新加载',
  },
  {
    'realtime.list.newOne': '1 new record',
    'realtime.list.new': '{count} new records',
    'realtime.list.changed': 'Records in this list have changed',
    'realtime.list.show': 'Show',
    'realtime.list.refresh': 'Refresh',
    'realtime.record.changed': 'Someone else just changed this record; you are looking at the earlier version.',
    'realtime.record.deleted': 'This record was just deleted.',
    'realtime.record.reload': 'Reload',
  },
);
