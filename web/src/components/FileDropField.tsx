/** One file chosen by drag-and-drop or click, as a form field that says when it is missing. */
import { InboxOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { Form, Upload } from 'antd';

export function FileDropField(props: {
  label: string;
  accept: string;
  title: string;
  hint: string;
  file: File | null;
  /** Show `missingMessage` under the field (the form was sent without a file). */
  missing: boolean;
  missingMessage: string;
  onChange: (file: File | null) => void;
}) {
  const { file } = props;
  const fileList: UploadFile[] = file
    ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }]
    : [];
  return (
    <Form.Item
      label={props.label}
      required
      validateStatus={props.missing ? 'error' : undefined}
      help={props.missing ? props.missingMessage : undefined}
    >
      <Upload.Dragger
        accept={props.accept}
        maxCount={1}
        multiple={false}
        fileList={fileList}
        beforeUpload={(chosen) => {
          props.onChange(chosen);
          return false;
        }}
        onRemove={() => props.onChange(null)}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{props.title}</p>
        <p className="ant-upload-hint">{props.hint}</p>
      </Upload.Dragger>
    </Form.Item>
  );
}
